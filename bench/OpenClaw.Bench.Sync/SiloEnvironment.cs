namespace OpenClaw.Bench.Sync;

/// <summary>The benches' <c>--silo-env NAME=value[,NAME=value]</c>: more environment for the silo process alone (e.g. a runtime setting to compare).</summary>
internal static class SiloEnvironment
{
    /// <summary>The settings in <paramref name="text"/> (empty for none).</summary>
    /// <exception cref="ArgumentException">An entry is not <c>NAME=value</c>.</exception>
    public static IEnumerable<KeyValuePair<string, string>> Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(setting => setting.Split('=', 2) is [var name, var value]
            ? KeyValuePair.Create(name, value)
            : throw new ArgumentException($"--silo-env expects NAME=value, got '{setting}'"));
}
