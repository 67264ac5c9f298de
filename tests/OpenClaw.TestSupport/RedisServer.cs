using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using StackExchange.Redis;

namespace OpenClaw.TestSupport;

/// <summary>Which real server a test run talks to.</summary>
public enum RedisServerKind
{
    /// <summary>Microsoft Garnet from the repository's local tool manifest (the default).</summary>
    Garnet,

    /// <summary>Debian's <c>redis-server</c> (set <c>OPENCLAW_TEST_REDIS=redis</c>).</summary>
    Redis,
}

/// <summary>
/// A real, throw-away Redis-protocol server on a free loopback port, started for a test run and killed afterwards.
/// Tests never skip when no server can be started: they fail with the command that installs one.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<RedisServer, byte> Running = new();
    private static int toolRestored;
    private readonly bool persistent;
    private readonly string dataDirectory;
    private readonly StringBuilder output = new();
    private Process? process;

    static RedisServer() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var server in Running.Keys)
        {
            server.Kill();
        }
    };

    private RedisServer(RedisServerKind kind, int port, bool persistent, string dataDirectory)
    {
        Kind = kind;
        Port = port;
        this.persistent = persistent;
        this.dataDirectory = dataDirectory;
    }

    /// <summary>The kind chosen by <c>OPENCLAW_TEST_REDIS</c> (<c>redis</c> or <c>garnet</c>, default garnet).</summary>
    public static RedisServerKind KindFromEnvironment =>
        string.Equals(Environment.GetEnvironmentVariable("OPENCLAW_TEST_REDIS"), "redis", StringComparison.OrdinalIgnoreCase)
            ? RedisServerKind.Redis
            : RedisServerKind.Garnet;

    /// <summary>Server kind.</summary>
    public RedisServerKind Kind { get; }

    /// <summary>Loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>StackExchange.Redis connection string for the server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>
    /// Starts a server. With <paramref name="persistent"/> the data survives <see cref="StopAsync"/> and a
    /// following <see cref="StartAgainAsync"/> (append-only file; Garnet recovers with <c>--recover</c>).
    /// </summary>
    public static async Task<RedisServer> StartAsync(RedisServerKind? kind = null, bool persistent = false)
    {
        var dir = Path.Combine(Path.GetTempPath(), "openclaw-redis-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var server = new RedisServer(kind ?? KindFromEnvironment, FreePort.Next(), persistent, dir);
        await server.LaunchAsync(recover: false).ConfigureAwait(false);
        return server;
    }

    /// <summary>Opens a client connection with the same options the services use.</summary>
    public ConnectionMultiplexer Connect() =>
        ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { ConnectionString }, AbortOnConnectFail = false, ConnectTimeout = 5000 });

    /// <summary>Kills the server (SIGKILL): the port stops answering at once.</summary>
    public Task StopAsync()
    {
        Kill();
        return Task.CompletedTask;
    }

    /// <summary>Starts the server again on the same port (recovering persisted data when persistent).</summary>
    public Task StartAgainAsync() => LaunchAsync(recover: persistent);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A killed server may still hold a file for a moment; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }

    private async Task LaunchAsync(bool recover)
    {
        if (Kind == RedisServerKind.Garnet && Interlocked.Exchange(ref toolRestored, 1) == 0)
        {
            await RunToCompletionAsync("dotnet", "tool restore").ConfigureAwait(false);
        }

        var (file, args) = Kind == RedisServerKind.Garnet ? GarnetCommand(recover) : RedisCommand();
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = RepositoryRoot.FullPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        lock (output)
        {
            output.Clear();
        }

        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(InstallHint($"cannot run '{file}': {ex.Message}"), ex);
        }

        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Running[this] = 0;

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(InstallHint($"{Kind} exited with code {process.ExitCode}:\n{CapturedOutput()}"));
            }

            if (await RedisProbe.PingsAsync(Port).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        Kill();
        throw new InvalidOperationException(InstallHint($"{Kind} did not answer PING on port {Port} within 60 s:\n{CapturedOutput()}"));
    }

    private (string File, string Args) GarnetCommand(bool recover)
    {
        var args = $"garnet-server --port {Port} --bind 127.0.0.1 --lua true -m 128m --index 16m";
        if (persistent)
        {
            args += $" --aof --storage-tier true --device-type RandomAccess --logdir \"{dataDirectory}\" --checkpointdir \"{dataDirectory}\"";
            if (recover)
            {
                args += " --recover";
            }
        }

        return ("dotnet", args);
    }

    private (string File, string Args) RedisCommand()
    {
        var args = $"--port {Port} --bind 127.0.0.1 --protected-mode no --save \"\" --dir \"{dataDirectory}\"";
        args += persistent ? " --appendonly yes --appendfsync always" : " --appendonly no";
        return ("redis-server", args);
    }

    private void Kill()
    {
        var p = process;
        if (p is null)
        {
            return;
        }

        try
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        p.Dispose();
        process = null;
        Running.TryRemove(this, out _);
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 20_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private string CapturedOutput()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private string InstallHint(string problem) => Kind == RedisServerKind.Garnet
        ? $"Cannot start Garnet for the tests ({problem}). Run 'dotnet tool restore' in the repository root (garnet-server is in dotnet-tools.json), or set OPENCLAW_TEST_REDIS=redis after 'apt-get install -y redis-server'."
        : $"Cannot start redis-server for the tests ({problem}). Install it with 'apt-get install -y redis-server', or unset OPENCLAW_TEST_REDIS to use Garnet from 'dotnet tool restore'.";

    private static async Task RunToCompletionAsync(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args)
        {
            WorkingDirectory = RepositoryRoot.FullPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        await p.WaitForExitAsync().ConfigureAwait(false);
    }
}
