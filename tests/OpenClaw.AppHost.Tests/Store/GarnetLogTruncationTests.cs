using System.Diagnostics;
using OpenClaw.AppHost.Store;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.AppHost.Tests.Store;

/// <summary>
/// The local Garnet as the AppHost starts it (its exact arguments, a real process): its data folder stays bounded by
/// what is alive, not by everything ever written, and what a checkpoint truncated is not lost on a crash.
/// </summary>
public sealed class GarnetLogTruncationTests : IAsyncDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "openclaw-garnet-log-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly int port = FreePort.Next();
    private ChildProcess? garnet;

    [Fact]
    public async Task Checkpoint_TruncatesTheAppendOnlyLog_AndACrashAfterItLosesNoWrite()
    {
        var args = await StoreArgumentsAsync();
        await StartAsync(args);

        // 160 MiB of writes over 4 MiB of live data: 1,000 keys of 4 KiB rewritten 40 times (a store's life: the same
        // shops' cursors, read models and ledgers rewritten all day).
        using (var redis = await ConnectAsync())
        {
            var db = redis.GetDatabase();
            for (var round = 0; round < 40; round++)
            {
                var value = ValueOfRound(round);
                await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i => db.StringSetAsync($"key:{i}", value)));
            }

            await db.StringSetAsync("last-write", "before the checkpoint");
            var written = FolderBytes();
            Assert.True(written > 150L * MiB, $"the append-only log should hold the 160 MiB written, the folder has {written / MiB} MiB");

            await db.ExecuteAsync("SAVE"); // the checkpoint Garnet also takes every 300 s (--checkpoint-freq)
            await db.StringSetAsync("last-write", "after the checkpoint");
        }

        // Left: one partly filled 64 MiB log segment, the index checkpoint (32 MiB, --index) and the live data. Garnet
        // deletes the truncated segments in the background, within a second or so.
        await Eventually.TrueAsync(() => Task.FromResult(FolderBytes() < 110L * MiB), TimeSpan.FromSeconds(15),
            () => $"after a checkpoint the data folder should keep about what is alive, it has {FolderBytes() / MiB} MiB: {Files()}");

        garnet!.Kill();
        await garnet.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await StartAsync(args);
        using (var redis = await ConnectAsync())
        {
            var db = redis.GetDatabase();
            Assert.Equal("after the checkpoint", await db.StringGetAsync("last-write"));
            Assert.Equal(ValueOfRound(39), await db.StringGetAsync("key:999"));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (garnet is not null)
        {
            await garnet.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A killed server may hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    // The AppHost's own arguments for its Garnet, with the endpoint's port (resolved by DCP at run time) filled in.
    private async Task<string[]> StoreArgumentsAsync()
    {
        await using var app = await AppHostModel.BuildAsync([$"--Store:DataPath={dataPath}"]);
        var store = app.Resources.OfType<RedisProtocolServerResource>().Single();
        var args = await AppHostModel.ArgsAsync(app, store);
        return [.. args.Select((a, i) => i > 0 && Equals(args[i - 1], "--port") ? port.ToString(System.Globalization.CultureInfo.InvariantCulture) : (string)a)];
    }

    // The 4 KiB every key holds after write round `round`.
    private static string ValueOfRound(int round) => new((char)('a' + (round % 26)), 4096);

    private async Task StartAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot.FullPath };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        garnet = ChildProcess.Start(start);
        var deadline = Stopwatch.StartNew();
        while (!await RedisProbe.PingsAsync(port))
        {
            Assert.False(garnet.HasExited, $"Garnet exited with {garnet.ExitCode}:\n{garnet.Output}");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"Garnet did not answer within 60 s:\n{garnet.Output}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private Task<ConnectionMultiplexer> ConnectAsync() =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { $"127.0.0.1:{port}" }, AbortOnConnectFail = false, AllowAdmin = true });

    private string Files() => string.Join(", ", new DirectoryInfo(dataPath).EnumerateFiles("*", SearchOption.AllDirectories)
        .Select(f => $"{Path.GetRelativePath(dataPath, f.FullName)} {f.Length / MiB} MiB"));

    private long FolderBytes() => new DirectoryInfo(dataPath).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
