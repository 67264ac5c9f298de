using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using OpenClaw.TestSupport;

namespace OpenClaw.Silo.Tests.Cluster;

/// <summary>
/// One real silo process (<c>dotnet OpenClaw.Silo.dll</c> from the silo's build output), configured only through
/// environment variables, exactly as Aspire or the Kubernetes manifests configure it. It can be stopped the two
/// ways production stops silos (SIGTERM: drain; SIGKILL: crash) and is always killed on dispose, or when the
/// test or bench process exits, so no silo outlives the run.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int MaxOutputLines = 3_000;
    private const int MaxErrorChars = 100_000;
    private static readonly ConcurrentDictionary<SiloProcess, byte> Running = new();
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process process;
    private readonly Queue<string> output = new();
    private readonly StringBuilder error = new();

    static SiloProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var silo in Running.Keys)
        {
            silo.Kill();
        }
    };

    private SiloProcess(string name, int siloPort, int gatewayPort, int httpPort, Process process)
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
    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <summary>The last 3,000 lines the process wrote (stdout and stderr, interleaved).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <summary>What the process wrote to stderr.</summary>
    public string StandardError
    {
        get
        {
            lock (output)
            {
                return error.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a silo with the given environment (on top of this process's environment); every port comes from
    /// <see cref="FreePort"/>. Returns as soon as the process runs; see <see cref="WaitHealthyAsync"/>.
    /// </summary>
    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var (siloPort, gatewayPort, httpPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var start = new ProcessStartInfo("dotnet", $"\"{AssemblyPath}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["Orleans__Endpoints__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__Endpoints__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null for " + AssemblyPath);
        var silo = new SiloProcess(name, siloPort, gatewayPort, httpPort, process);
        Running[silo] = 0;
        process.OutputDataReceived += (_, e) => silo.Capture(e.Data, toError: false);
        process.ErrorDataReceived += (_, e) => silo.Capture(e.Data, toError: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
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
    public void Terminate()
    {
        if (!process.HasExited && NativeMethods.Kill(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Sends SIGKILL: the process vanishes without telling anyone, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Waits for the process to exit; returns its exit code, or null if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int lines = 60)
    {
        lock (output)
        {
            return string.Join('\n', output.TakeLast(lines));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        Running.TryRemove(this, out _);
        process.Dispose();
    }

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

    private void Capture(string? line, bool toError)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > MaxOutputLines)
            {
                output.Dequeue();
            }

            if (toError && error.Length < MaxErrorChars)
            {
                error.AppendLine(line);
            }
        }
    }

    private static class NativeMethods
    {
        // No managed API sends SIGTERM to another process (Process.Kill sends SIGKILL). DllImport rather than
        // LibraryImport: the generated stub would need unsafe code for two ints.
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Kill(int pid, int signal);
    }
}
