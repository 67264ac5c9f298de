namespace OpenClaw.Bench.Sync;

internal static class ScaleScenario
{
    public static Task<string> RunAsync(BenchOptions o, CancellationToken ct) => throw new NotImplementedException();
}
