using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Shops;

namespace OpenClaw.Silo.Demo;

/// <summary>
/// Connects the demo shops once the silo has started (see <see cref="DemoShopOptions"/>). Runs as a hosted
/// service registered after Orleans', so the silo is active when it calls the grains; a failure is logged and
/// never stops the silo.
/// </summary>
internal sealed partial class DemoShopSeeder(
    IGrainFactory grains, IOptions<DemoShopOptions> options, ILogger<DemoShopSeeder> logger) : BackgroundService
{
    /// <summary>The activity source of the seeding span (covered by ServiceDefaults' <c>OpenClaw.*</c>).</summary>
    public static readonly ActivitySource Source = new("OpenClaw.Demo");

    // The simulator's markets (docs/simulator.md); shop names in both languages, as the product's users write them.
    private static readonly string[] Regions = ["US", "UK", "MY", "TH", "PH", "VN", "ID"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var activity = Source.StartActivity("connect demo shops");
        try
        {
            for (var i = 1; i <= settings.ShopCount && !stoppingToken.IsCancellationRequested; i++)
            {
                var id = DemoShopId(i);
                var name = string.Create(CultureInfo.InvariantCulture, $"Demo Shop {i:00} 演示店铺");
                await grains.GetGrain<IShopGrain>(id)
                    .ConnectAsync(new ShopRegistration(settings.TenantId, name, Regions[(i - 1) % Regions.Length]))
                    .WaitAsync(stoppingToken);
            }

            LogSeeded(settings.ShopCount, settings.TenantId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogFailed(ex);
        }
    }

    /// <summary>The grain key of demo shop <paramref name="number"/> (1-based), e.g. <c>demo-shop-01</c>.</summary>
    public static string DemoShopId(int number) => string.Create(CultureInfo.InvariantCulture, $"demo-shop-{number:00}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected {Count} demo shops for tenant {TenantId}")]
    private partial void LogSeeded(int count, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connecting the demo shops failed")]
    private partial void LogFailed(Exception exception);
}
