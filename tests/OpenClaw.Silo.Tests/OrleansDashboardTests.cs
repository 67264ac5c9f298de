using System.Net;
using OpenClaw.TestSupport;
using static OpenClaw.Silo.Tests.SiloTestContext;

namespace OpenClaw.Silo.Tests;

/// <summary>The Orleans dashboard at <c>/dashboard</c> is served by default and gone when an operator turns it off.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class OrleansDashboardTests
{
    [Theory]
    [InlineData(null, HttpStatusCode.OK)]
    [InlineData("false", HttpStatusCode.NotFound)]
    public async Task Dashboard_is_served_unless_turned_off(string? enabled, HttpStatusCode expected)
    {
        var settings = enabled is null ? null : new Dictionary<string, string> { ["OrleansDashboard__Enabled"] = enabled };
        var (cluster, _) = await NewClusterAsync(settings);
        await using var _ = cluster;
        var silo = await cluster.StartSiloAsync(Cancellation);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}") };

        using var dashboard = await http.GetAsync(new Uri("/dashboard", UriKind.Relative), Cancellation);
        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative), Cancellation);

        Assert.Equal(expected, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
