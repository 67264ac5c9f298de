using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenClaw.TestSupport;

namespace OpenClaw.Runtime.Tests.Support;

/// <summary>A silo running as its own OS process (tests/OpenClaw.Runtime.TestSilo), for kill and restart tests.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly StringBuilder output = new();
    private readonly Process process;

    private SiloProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static SiloProcess Start(string redis, string serviceId)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SiloAssembly());
        start.ArgumentList.Add("--ConnectionStrings:redis=" + redis);
        start.ArgumentList.Add("--Orleans:ServiceId=" + serviceId);
        start.ArgumentList.Add("--Orleans:ClusterId=test");
        start.ArgumentList.Add("--Orleans:Clustering:ProviderType=Redis");
        start.ArgumentList.Add("--Orleans:GrainStorage:Default:ProviderType=Redis");
        start.ArgumentList.Add("--Orleans:Endpoints:SiloPort=" + port.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the test silo");
        var silo = new SiloProcess(process, port);
        process.OutputDataReceived += (_, e) => silo.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>SIGKILL: no chance to hand anything over.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: the host stops gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill?.WaitForExit();
    }

    public Task WaitForExitAsync(TimeSpan timeout) => process.WaitForExitAsync(new CancellationTokenSource(timeout).Token);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string SiloAssembly()
    {
        // Same configuration as this test assembly: .../tests/OpenClaw.Runtime.Tests/bin/{Configuration}/{tfm}/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var path = Path.Combine(RepositoryRoot.FullPath, "tests", "OpenClaw.Runtime.TestSilo", "bin", configuration, tfm, "OpenClaw.Runtime.TestSilo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/OpenClaw.Runtime.TestSilo first.", path);
    }
}
