using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenClaw.TestSupport;

/// <summary>
/// A process a test run starts and owns (a Redis server, a silo): its output is kept for failure messages, it can be
/// stopped the two ways production stops processes (SIGTERM: drain; SIGKILL: crash), and it is killed when disposed
/// or when the test process exits, so no child outlives the run.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int MaxOutputLines = 3_000;
    private const int MaxErrorChars = 100_000;
    private static readonly ConcurrentDictionary<ChildProcess, byte> Running = new();
    private readonly Process process;
    private readonly Queue<string> output = new();
    private readonly StringBuilder error = new();
    private Action<string>? onLine;

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var child in Running.Keys)
        {
            child.Kill();
        }
    };

    private ChildProcess(Process process) => this.process = process;

    /// <summary>Operating-system process id.</summary>
    public int Id => process.Id;

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

    /// <summary>What the process wrote to stderr (first 100,000 characters).</summary>
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

    /// <summary>Starts <paramref name="start"/> with its output redirected and captured.</summary>
    /// <param name="start">What to run.</param>
    /// <param name="onLine">
    /// Also called with every line (stdout and stderr), from the reader threads: for a caller that must see all of the
    /// output, which <see cref="Output"/> caps at its last 3,000 lines (the fault suite's security sweep).
    /// </param>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be run (not installed).</exception>
    public static ChildProcess Start(ProcessStartInfo start, Action<string>? onLine = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var child = new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null for " + start.FileName));
        child.onLine = onLine;
        Running[child] = 0;
        child.process.OutputDataReceived += (_, e) => child.Capture(e.Data, toError: false);
        child.process.ErrorDataReceived += (_, e) => child.Capture(e.Data, toError: true);
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Sends SIGTERM: a .NET host drains (stops hosted services, e.g. Orleans leaves the cluster) and exits.</summary>
    public void Terminate()
    {
        if (!process.HasExited && NativeMethods.Kill(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Sends SIGKILL to the process tree: it vanishes without telling anyone, as in a crash or an OOM kill.</summary>
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

    /// <summary>Kills the process (if it still runs), waits up to 10 s for it to exit and forgets it.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        Running.TryRemove(this, out _);
        process.Dispose();
    }

    private void Capture(string? line, bool toError)
    {
        if (line is null)
        {
            return;
        }

        onLine?.Invoke(line);

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
