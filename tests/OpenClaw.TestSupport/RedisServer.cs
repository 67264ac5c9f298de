using System.Diagnostics;
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
    private static int toolRestored;
    private readonly bool persistent;
    private readonly string dataDirectory;
    private ChildProcess? process;

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
    public Task StopAsync() => KillAsync().AsTask();

    /// <summary>Starts the server again on the same port (recovering persisted data when persistent).</summary>
    public Task StartAgainAsync() => LaunchAsync(recover: persistent);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A killed server may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private async Task LaunchAsync(bool recover)
    {
        if (Kind == RedisServerKind.Garnet && Interlocked.Exchange(ref toolRestored, 1) == 0)
        {
            await RunToCompletionAsync("dotnet", "tool restore").ConfigureAwait(false);
        }

        var (file, args) = Kind == RedisServerKind.Garnet ? GarnetCommand(recover) : RedisCommand();
        try
        {
            process = ChildProcess.Start(new ProcessStartInfo(file, args) { WorkingDirectory = RepositoryRoot.FullPath });
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(InstallHint($"cannot run '{file}': {ex.Message}"), ex);
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(InstallHint($"{Kind} exited with code {process.ExitCode}:\n{process.Output}"));
            }

            if (await RedisProbe.PingsAsync(Port).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        var output = process.Output;
        await KillAsync().ConfigureAwait(false);
        throw new InvalidOperationException(InstallHint($"{Kind} did not answer PING on port {Port} within 60 s:\n{output}"));
    }

    private (string File, string Args) GarnetCommand(bool recover)
    {
        // -m bounds Garnet's whole log (keys, values and hash objects). Without --storage-tier, records that no longer
        // fit are dropped: a 50-shop sync test outgrew 128m and lost idle shops' metrics metadata and ledgers while the
        // entities it kept rewriting stayed. Pages are allocated as the log grows, so a large bound costs nothing idle.
        var args = $"garnet-server --port {Port} --bind 127.0.0.1 --lua true --lua-transaction-mode true -m 4g --index 16m";
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

    // SIGKILL, and wait for the port to be released, so a restart on the same port finds it free.
    private async ValueTask KillAsync()
    {
        if (process is { } running)
        {
            process = null;
            await running.DisposeAsync().ConfigureAwait(false);
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
