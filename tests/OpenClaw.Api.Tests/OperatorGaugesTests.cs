using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Tenants;
using OpenClaw.TestSupport;
using Orleans.Runtime;
using Readings = System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.IReadOnlyDictionary<string, long>>;

namespace OpenClaw.Api.Tests;

/// <summary>
/// The silos' <c>OpenClaw.Operations</c> gauges as a backend that adds replicas up shows them: two silos of one cluster
/// (same store, ServiceId and ClusterId), refreshing every second. <c>openclaw.shops{status=active}</c> summed over both
/// silos is the number of connected shops, exactly one silo carries it and the other publishes the same series as 0; when
/// the reporting silo stops (gracefully: it leaves membership), the other reports the count within a few refreshes.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class OperatorGaugesTests(ApiFixture fixture) : IAsyncDisposable
{
    private const int ShopCount = 3;
    private const string Active = "active";

    /// <summary>The refresh interval the silos run with (<c>Telemetry:OperatorGaugesInterval</c>; 30 s in production).</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Bound of every wait; on a loaded machine the silos' start, the onboarding and membership all take longer.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Most time from the reporting silo's stop to the other silo reporting: a graceful stop marks the silo dead in
    /// membership at once, then it takes one refresh (1 s; measured 0.1–0.8 s); the rest is room for a loaded machine.
    /// </summary>
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(15);

    private readonly LoopbackApps silos = new();
    private RedisServer? store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShopsGauge_TwoSilos_CountsEachShopOnce_AndTheOtherSiloTakesOverWhenTheReporterStops()
    {
        // The gauges count every tenant in the store, so a store of this test's own makes the expected count exact.
        store = await RedisServer.StartAsync();
        var serviceId = "gauges-" + Guid.NewGuid().ToString("N")[..8];
        var first = await StartSiloAsync(serviceId);
        var second = await StartSiloAsync(serviceId);
        using var gauge = new ShopsGauge([first, second]);
        await ConnectShopsAsync(first.Services.GetRequiredService<IGrainFactory>());

        // After a refresh: both silos publish the series, one carries the count, the other 0.
        Readings seen = new Dictionary<string, IReadOnlyDictionary<string, long>>();
        await Eventually.TrueAsync(() => Task.FromResult(ReporterOf(seen = gauge.Read()) is not null), Bound,
            () => $"expected {ShopCount} active shops from exactly one of the two silos and 0 from the other; saw {Describe(seen)}");
        var reporter = ReporterOf(seen)!;

        // And it stays so over several refreshes (no silo joins in, none drops the series).
        var watched = Stopwatch.StartNew();
        while (watched.Elapsed < 3 * Interval)
        {
            await Task.Delay(100, Ct);
            seen = gauge.Read();
            Assert.True(ReporterOf(seen) == reporter, $"{watched.Elapsed.TotalSeconds:0.0} s after {reporter} reported {ShopCount}: {Describe(seen)}");
        }

        // The reporting silo leaves the cluster; the other takes over.
        var (leaving, staying) = NameOf(first) == reporter ? (first, second) : (second, first);
        var stopping = Stopwatch.StartNew();
        await silos.StopAsync(leaving);
        var stoppedAfter = stopping.Elapsed;
        var takeover = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => Task.FromResult(TakenOver(seen = gauge.Read(), NameOf(staying))), TakeoverBound,
            () => $"after {reporter} stopped, expected {ShopCount} active shops from {NameOf(staying)} alone; saw {Describe(seen)}");
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{reporter} reported first; it stopped in {stoppedAfter.TotalSeconds:0.0} s; {NameOf(staying)} reported {ShopCount} {takeover.Elapsed.TotalSeconds:0.0} s later"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await silos.DisposeAsync();
        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    // The silo whose gauge carries every shop while every other silo of the two publishes the same series as 0; null
    // otherwise (a silo missing, no refresh yet, the count doubled or split).
    private static string? ReporterOf(Readings seen)
    {
        if (seen.Count != 2 || seen.Values.Any(series => !series.ContainsKey(Active))
            || seen.Values.Select(series => string.Join(',', series.Keys.Order(StringComparer.Ordinal))).Distinct().Count() != 1)
        {
            return null;
        }

        var reporting = seen.Where(silo => silo.Value.Values.Any(value => value != 0)).ToList();
        return reporting.Count == 1 && reporting[0].Value[Active] == ShopCount && seen.Values.Sum(series => series[Active]) == ShopCount
            ? reporting[0].Key
            : null;
    }

    private static bool TakenOver(Readings seen, string staying) =>
        seen.Count == 1 && seen.TryGetValue(staying, out var series) && series.GetValueOrDefault(Active) == ShopCount;

    private static string Describe(Readings seen) => seen.Count == 0
        ? "no openclaw.shops series from any silo"
        : string.Join("; ", seen.Select(silo => $"{silo.Key}: " + (silo.Value.Count == 0
            ? "no series"
            : string.Join(", ", silo.Value.Select(series => string.Create(CultureInfo.InvariantCulture, $"{series.Key}={series.Value}"))))));

    private async Task<WebApplication> StartSiloAsync(string serviceId)
    {
        var silo = ApiFixture.BuildSilo(
        [
            .. LoopbackClusterArguments.Shared(store!.ConnectionString, "gauges-tests", serviceId, fixture.SimulatorUrl),
            .. LoopbackClusterArguments.Silo(serviceId),
            "--Telemetry:OperatorGaugesInterval=" + Interval.ToString("c", CultureInfo.InvariantCulture),
        ]);
        await silos.StartAsync(silo);
        return silo;
    }

    // Onboarded as a seller would be: an authorization code from the simulator's consent shortcut, exchanged by the tenant grain.
    private async Task ConnectShopsAsync(IGrainFactory grains)
    {
        var tenant = grains.GetGrain<ITenantGrain>("t-" + Guid.NewGuid().ToString("N")[..10]);
        using var simulator = fixture.NewSimulatorClient();
        for (var i = 0; i < ShopCount; i++)
        {
            var shopId = fixture.ClaimShop();
            var connected = await tenant.ConnectWithAuthCodeAsync(await SimulatorAdmin.AuthCodeAsync(simulator, shopId, Ct));
            var shop = Assert.Single(connected);
            Assert.True(shop.ShopId == shopId && shop.Status == ShopStatus.Active, $"connected {shop.ShopId} ({shop.Status}), expected {shopId} (Active)");
        }
    }

    /// <summary>The silo's address, as membership knows it.</summary>
    private static string NameOf(WebApplication silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    /// <summary>
    /// Reads <c>openclaw.shops</c> from the given silos only: each silo host's <see cref="IMeterFactory"/> creates its own
    /// meter and instruments (the meter's scope is that factory), so the silos' series stay apart, as an OTLP backend
    /// keeps replicas apart, and the fixture's own silo in this process is left out.
    /// </summary>
    private sealed class ShopsGauge : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly Lock gate = new();
        private readonly Dictionary<IMeterFactory, string> names = [];
        private readonly HashSet<string> live = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, long>> recorded = new(StringComparer.Ordinal);

        public ShopsGauge(IEnumerable<WebApplication> silos)
        {
            foreach (var silo in silos)
            {
                names[silo.Services.GetRequiredService<IMeterFactory>()] = NameOf(silo);
            }

            listener.InstrumentPublished = (instrument, self) =>
            {
                if (instrument is { Name: "openclaw.shops", Meter.Name: "OpenClaw.Operations", Meter.Scope: IMeterFactory factory }
                    && names.TryGetValue(factory, out var silo))
                {
                    lock (gate)
                    {
                        live.Add(silo);
                    }

                    self.EnableMeasurementEvents(instrument, silo);
                }
            };

            // Called when a silo's host is disposed (its meter factory disposes the meter): that silo exports nothing more.
            listener.MeasurementsCompleted = (_, silo) =>
            {
                lock (gate)
                {
                    live.Remove((string)silo!);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, silo) =>
            {
                var status = "(no status tag)";
                foreach (var tag in tags)
                {
                    status = tag.Key == "status" ? tag.Value?.ToString() ?? status : status;
                }

                recorded[(string)silo!][status] = value;
            });
            listener.Start();
        }

        /// <summary>
        /// Collects the live silos' gauges now, as an exporter does each period: silo → status → shops (no entry for a
        /// status when the silo has not refreshed yet).
        /// </summary>
        public Dictionary<string, IReadOnlyDictionary<string, long>> Read()
        {
            lock (gate)
            {
                // The observable callbacks run on this thread, inside RecordObservableInstruments.
                recorded.Clear();
                foreach (var silo in live)
                {
                    recorded[silo] = new(StringComparer.Ordinal);
                }

                listener.RecordObservableInstruments();
                return recorded.ToDictionary(silo => silo.Key, silo => (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(silo.Value), StringComparer.Ordinal);
            }
        }

        public void Dispose() => listener.Dispose();
    }
}
