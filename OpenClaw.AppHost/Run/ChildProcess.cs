using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OpenClaw.AppHost.Run;

/// <summary>A process the AppHost started: its output is prefixed with the resource name; it stops with SIGTERM first.</summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process process;
    private readonly string name;

    private ChildProcess(Process process, string name)
    {
        this.process = process;
        this.name = name;
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public Task Exited => process.WaitForExitAsync();

    public static ChildProcess Start(string name, string file, string arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TextWriter log)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}: {file} {arguments}");
        var prefix = $"[{name}] ";
        process.OutputDataReceived += (_, e) => Write(log, prefix, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, prefix, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, name);
    }

    /// <summary>Asks the process to stop (SIGTERM), then kills it if it is still running after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows() || Kill(process.Id, SigTerm) != 0)
        {
            process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"{name} did not stop within {grace.TotalSeconds:0} s; killing it");
            process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        process.Dispose();
    }

    private static void Write(TextWriter log, string prefix, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(prefix + line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
