using System.Diagnostics;
using System.Globalization;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Bench.Sync;

/// <summary>
/// A throw-away Garnet (the repository's local tool, <c>--lua true --lua-transaction-mode true</c> as in
/// <c>RedisServer</c>) on a free loopback port. Started here rather than through <c>RedisServer</c> because 10,000
/// shops need more main-log memory than the tests' 128 MB, and the bench reads the server's CPU and memory.
/// </summary>
internal sealed class Garnet : IAsyncDisposable
{
    private readonly ChildProcess process;

    private Garnet(ChildProcess process, int port, string memory)
    {
        this.process = process;
        Port = port;
        Memory = memory;
    }

    public int Port { get; }

    public string Memory { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The launcher (<c>dotnet garnet-server</c>) and the server process under it.</summary>
    public IReadOnlyList<int> ProcessIds => ProcessStats.Tree(process.Id);

    public static async Task<Garnet> StartAsync(string memory)
    {
        using (var restore = Process.Start(new ProcessStartInfo("dotnet", "tool restore")
        {
            WorkingDirectory = RepositoryRoot.FullPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!)
        {
            await restore.WaitForExitAsync();
        }

        var port = FreePort.Next();
        var child = ChildProcess.Start(new ProcessStartInfo("dotnet",
            $"garnet-server --port {port} --bind 127.0.0.1 --lua true --lua-transaction-mode true -m {memory} --index 64m")
        {
            WorkingDirectory = RepositoryRoot.FullPath,
        });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException($"Garnet exited with code {child.ExitCode}:\n{child.Output}");
            }

            if (await RedisProbe.PingsAsync(port))
            {
                return new Garnet(child, port, memory);
            }

            await Task.Delay(100);
        }

        await child.DisposeAsync();
        throw new InvalidOperationException("Garnet did not answer PING within 60 s");
    }

    public static async Task<ConnectionMultiplexer> ConnectAsync(string connectionString) =>
        await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { connectionString },
            AbortOnConnectFail = false,
            AllowAdmin = true, // INFO memory
            ConnectTimeout = 5000,
            SyncTimeout = 30_000,
            AsyncTimeout = 30_000,
        });

    /// <summary>Garnet's <c>INFO memory</c> (it has no <c>used_memory</c>; it reports its process and store sizes).</summary>
    public static async Task<GarnetMemory> MemoryAsync(IConnectionMultiplexer redis)
    {
        var server = redis.GetServers()[0];
        var info = (await server.InfoAsync("memory")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        long Field(string name) => info.TryGetValue(name, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var keys = await server.DatabaseSizeAsync();
        return new GarnetMemory(Field("proc_physical_memory_size"), Field("gc_heap_bytes"), Field("total_main_store_size"), Field("store_mainlog_memory_size"), keys);
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}

/// <summary>What Garnet says about its memory, plus its key count.</summary>
internal sealed record GarnetMemory(long ProcessPhysical, long GcHeap, long MainStoreSize, long MainLogMemory, long Keys);
