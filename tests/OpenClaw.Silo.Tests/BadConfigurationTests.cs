using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;
using static OpenClaw.Silo.Tests.SiloTestContext;

namespace OpenClaw.Silo.Tests;

/// <summary>A silo started with a setting it cannot use stops at once with EX_CONFIG and one line naming the key.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class BadConfigurationTests
{
    [Theory]
    [InlineData("ConnectionStrings__redis", "127.0.0.1:6379,notAnOption=1", "ConnectionStrings:redis")]
    [InlineData("ConnectionStrings__redis", ",,,", "ConnectionStrings:redis")]
    [InlineData("Orleans__Membership__ProbeTimeout", "abc", "Orleans:Membership:ProbeTimeout")]
    [InlineData("Orleans__Membership__NumMissedProbesLimit", "0", "Orleans:Membership")]
    [InlineData("Shops__ReminderPeriod", "00:00:30", "Shops:ReminderPeriod")]
    [InlineData("Telemetry__OperatorGaugesInterval", "00:00:00", "Telemetry:OperatorGaugesInterval")]
    [InlineData("OrleansDashboard__Enabled", "maybe", "OrleansDashboard:Enabled")]
    public async Task Start_MalformedSetting_ExitsWith78AndOneStderrLineNamingTheKey(string variable, string value, string key)
    {
        var (cluster, _) = await NewClusterAsync(new Dictionary<string, string> { [variable] = value });
        await using var _ = cluster;
        await using var silo = SiloProcess.Start("bad-config", cluster.Environment());

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 78, $"exit code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (still running)"}\n{silo.Tail()}");
        var lines = silo.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }
}
