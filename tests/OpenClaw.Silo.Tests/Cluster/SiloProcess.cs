using System.Diagnostics;
using System.Reflection;
using OpenClaw.TestSupport;

namespace OpenClaw.Silo.Tests.Cluster;

/// <summary>
/// One real silo process (<c>dotnet OpenClaw.Silo.dll</c> from the silo's build output), configured only through
/// environment variables, exactly as Aspire or the Kubernetes manifests configure it. It can be stopped the two
/// ways production stops silos (SIGTERM: drain; SIGKILL: crash) and, as a <see cref="ChildProcess"/>, is always killed
/// on dispose or when the test or bench process exits, so no silo outlives the run.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly ChildProcess process;

    private SiloProcess(string name, int siloPort, int gatewayPort, int httpPort, ChildProcess process)
    {
        Name = name;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
        this.process = process;
    }

    /// <summary>
    /// Path of the silo's entry assembly: <c>OPENCLAW_SILO_DLL</c> when set, else the silo project's build output for
    /// the configuration this assembly was built in (the project references the silo so it is built first).
    /// </summary>
    public static string AssemblyPath =>
        Environment.GetEnvironmentVariable("OPENCLAW_SILO_DLL") is { Length: > 0 } path
            ? path
            : Path.Combine(RepositoryRoot.FullPath, "src", "OpenClaw.Silo", "bin",
                typeof(SiloProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
                "net10.0", "OpenClaw.Silo.dll");

    /// <summary>Name used in messages (e.g. <c>silo-1</c>).</summary>
    public string Name { get; }

    /// <summary>Orleans silo-to-silo port; it is part of the silo's address and of <c>ShopSnapshot.Silo</c>.</summary>
    public int SiloPort { get; }

    /// <summary>Orleans gateway (client) port.</summary>
    public int GatewayPort { get; }

    /// <summary>HTTP port serving <c>/health</c> and <c>/alive</c>.</summary>
    public int HttpPort { get; }

    /// <summary>Operating-system process id.</summary>
    public int ProcessId => process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Exit code, or null while the process runs.</summary>
    public int? ExitCode => process.ExitCode;

    /// <summary>The last 3,000 lines the process wrote (stdout and stderr, interleaved).</summary>
    public string Output => process.Output;

    /// <summary>What the process wrote to stderr.</summary>
    public string StandardError => process.StandardError;

    /// <summary>
    /// Starts a silo with the given environment (on top of this process's environment); every port comes from
    /// <see cref="FreePort"/>. Returns as soon as the process runs; see <see cref="WaitHealthyAsync"/>.
    /// <paramref name="onLine"/>, when given, sees every line of output (see <see cref="ChildProcess.Start"/>).
    /// </summary>
    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> environment, Action<string>? onLine = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var (siloPort, gatewayPort, httpPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var start = new ProcessStartInfo("dotnet", $"\"{AssemblyPath}\"") { WorkingDirectory = Path.GetDirectoryName(AssemblyPath)! };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["Orleans__Endpoints__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__Endpoints__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";

        return new SiloProcess(name, siloPort, gatewayPort, httpPort, ChildProcess.Start(start, onLine));
    }

    /// <summary>True when <paramref name="siloIdentity"/> (a <c>ShopSnapshot.Silo</c>, e.g. <c>S127.0.0.1:4711:123</c>) is this silo.</summary>
    public bool Hosts(string siloIdentity) =>
        siloIdentity?.Contains($":{SiloPort}:", StringComparison.Ordinal) == true;

    /// <summary>Waits until <c>/health</c> answers 200 (Redis reachable and this silo Active in the membership table).</summary>
    /// <exception cref="InvalidOperationException">The process exited or stayed unhealthy; the message carries its output.</exception>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before it was healthy:\n{Tail()}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/health"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Kestrel not listening yet.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"{Name} was not healthy within {timeout}:\n{Tail()}");
    }

    /// <summary>Sends SIGTERM: the host drains (deactivates grains, leaves the cluster) and exits.</summary>
    public void Terminate() => process.Terminate();

    /// <summary>Sends SIGKILL: the process vanishes without telling anyone, as in a crash or an OOM kill.</summary>
    public void Kill() => process.Kill();

    /// <summary>Waits for the process to exit; returns its exit code, or null if it is still running after <paramref name="timeout"/>.</summary>
    public Task<int?> WaitForExitAsync(TimeSpan timeout) => process.WaitForExitAsync(timeout);

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int lines = 60) => process.Tail(lines);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => process.DisposeAsync();

    /// <inheritdoc />
    public override string ToString() => $"{Name} (pid {ProcessIdOrNone}, silo port {SiloPort})";

    private string ProcessIdOrNone
    {
        get
        {
            try
            {
                return process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (InvalidOperationException)
            {
                return "-";
            }
        }
    }
}
