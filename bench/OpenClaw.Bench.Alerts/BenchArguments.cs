using System.Globalization;

namespace OpenClaw.Bench.Alerts;

/// <summary>Command-line settings of the bench.</summary>
/// <param name="Events">Policy violations to fire (one product each).</param>
/// <param name="Shops">Simulator shops the events are spread over.</param>
/// <param name="GroupWait">Group wait of the instant-event route (Alertmanager's default is 30 s).</param>
/// <param name="Pace">Time between two incidents.</param>
/// <param name="ReceiverDown">When positive: the chat receiver answers 503 for this long while the incidents are fired, spread over it (issue 14's outage).</param>
/// <param name="LoadShops">More shops syncing at their default intervals on the same silo, API, simulator and store while the events are fired (the scale load); 0 for none.</param>
/// <param name="Warmup">With <paramref name="LoadShops"/>: how long they sync before the first event.</param>
/// <param name="SiloEnvironment">With <paramref name="LoadShops"/>: more environment for the silo process alone
/// (<c>--silo-env NAME=value[,NAME=value]</c>, <see cref="Sync.SiloEnvironment"/>).</param>
internal sealed record BenchArguments(int Events, int Shops, TimeSpan GroupWait, TimeSpan Pace, TimeSpan ReceiverDown, int LoadShops, TimeSpan Warmup,
    IReadOnlyList<KeyValuePair<string, string>> SiloEnvironment)
{
    public static BenchArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchArguments(Int("--events", 200), Int("--shops", 10), TimeSpan.FromSeconds(Int("--group-wait", 0)),
            TimeSpan.FromMilliseconds(Int("--pace-ms", 100)), TimeSpan.FromSeconds(Int("--receiver-down-seconds", 0)),
            Int("--load-shops", 0), TimeSpan.FromSeconds(Int("--warmup", 150)),
            [.. Sync.SiloEnvironment.Parse(Value("--silo-env") ?? "")]);
    }
}
