using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Runtime;
using OpenClaw.Runtime.TestSilo;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Runtime;

/// <summary>Failover: three silo processes, 500 grains with timers; SIGKILL one, then SIGTERM another.</summary>
internal static class Failover
{
    private const int Grains = 500;

    public static async Task RunAsync()
    {
        await using var redis = await RedisServer.StartAsync();
        var serviceId = "failover-" + Guid.NewGuid().ToString("N")[..6];
        var silos = Enumerable.Range(0, 3).Select(_ => StartSilo(redis.ConnectionString, serviceId)).ToList();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(8)); // start and balance
            using var client = await Silos.StartClientAsync(redis.ConnectionString, serviceId);
            var factory = client.Services.GetRequiredService<IClusterClient>();
            await Task.WhenAll(Enumerable.Range(0, Grains).Select(i => factory.GetGrain<IWriterGrain>("w-" + i).Start()));

            silos[0].Kill(entireProcessTree: true);
            Console.WriteLine($"failover after SIGKILL: every grain answered again in {(await AllAnswerAsync(factory)).TotalMilliseconds:N0} ms");

            using (var term = Process.Start("kill", ["-TERM", silos[1].Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term!.WaitForExitAsync();
            }

            Console.WriteLine($"handover after SIGTERM: every grain answered again in {(await AllAnswerAsync(factory)).TotalMilliseconds:N0} ms");
            await client.StopAsync();
        }
        finally
        {
            foreach (var silo in silos.Where(s => !s.HasExited))
            {
                silo.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<TimeSpan> AllAnswerAsync(IClusterClient factory)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Grains).Select(async i =>
        {
            while (true)
            {
                try
                {
                    await factory.GetGrain<IWriterGrain>("w-" + i).Where();
                    return;
                }
                catch (Exception) when (watch.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(20);
                }
            }
        }));
        return watch.Elapsed;
    }

    private static Process StartSilo(string redis, string serviceId)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepositoryRoot.FullPath, "tests", "OpenClaw.Runtime.TestSilo", "bin", here.Parent!.Name, here.Name, "OpenClaw.Runtime.TestSilo.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            dll, "--ConnectionStrings:redis=" + redis, "--Orleans:ServiceId=" + serviceId, "--Orleans:ClusterId=test",
            "--Orleans:Clustering:ProviderType=Redis", "--Orleans:Endpoints:SiloPort=" + FreePort.Next().ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
