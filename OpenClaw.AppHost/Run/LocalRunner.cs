using System.Diagnostics;
using System.Net.Sockets;
using OpenClaw.AppHost.Model;

namespace OpenClaw.AppHost.Run;

/// <summary>
/// Runs the model on this machine: Garnet from the local tool manifest, each project from its build output, in
/// dependency order, each started only when what it references answers. Ctrl+C stops them in reverse order.
/// </summary>
internal sealed class LocalRunner(string root, IReadOnlyList<Resource> resources, TextWriter log) : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private readonly List<(Resource Resource, ChildProcess Process)> started = [];

    public async Task<int> RunAsync(CancellationToken shutdown)
    {
        foreach (var resource in resources)
        {
            if (PortInUse(resource.Port))
            {
                await log.WriteLineAsync($"Port {resource.Port} for '{resource.Name}' is already in use; stop whatever holds it (or change the port in OpenClaw.AppHost/Program.cs).").ConfigureAwait(false);
                return 1;
            }
        }

        await PrepareAsync(shutdown).ConfigureAwait(false);
        foreach (var resource in resources)
        {
            var child = Start(resource);
            started.Add((resource, child));
            if (!await ReadyCheck.WaitAsync(resource, child, ReadyTimeout, shutdown).ConfigureAwait(false))
            {
                await log.WriteLineAsync($"'{resource.Name}' did not become ready within {ReadyTimeout.TotalSeconds:0} s; stopping.").ConfigureAwait(false);
                return 1;
            }

            await log.WriteLineAsync($"ready: {resource.Name,-12} {Describe(resource)}").ConfigureAwait(false);
        }

        await log.WriteLineAsync("OpenClaw is running. Press Ctrl+C to stop.").ConfigureAwait(false);
        var firstExit = Task.WhenAny(started.Select(s => s.Process.Exited));
        await Task.WhenAny(firstExit, Task.Delay(Timeout.Infinite, shutdown)).ConfigureAwait(false);
        if (!shutdown.IsCancellationRequested)
        {
            var dead = started.First(s => s.Process.HasExited);
            await log.WriteLineAsync($"'{dead.Resource.Name}' exited with code {dead.Process.ExitCode}; stopping the rest.").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = started.Count - 1; i >= 0; i--)
        {
            await log.WriteLineAsync($"stopping: {started[i].Resource.Name}").ConfigureAwait(false);
            await started[i].Process.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (resources.Any(r => r.Kind == ResourceKind.Redis))
        {
            await RunToEndAsync("dotnet", "tool restore", cancellationToken).ConfigureAwait(false);
        }

        foreach (var project in resources.Where(r => r.Kind == ResourceKind.Project))
        {
            await log.WriteLineAsync($"building {project.ProjectPath}").ConfigureAwait(false);
            await RunToEndAsync("dotnet", $"build \"{project.ProjectPath}\" -nologo -v q", cancellationToken).ConfigureAwait(false);
        }
    }

    private ChildProcess Start(Resource resource)
    {
        var env = ResourceEnvironment.For(resource, r => $"127.0.0.1:{r.Port}", Inherited());
        if (resource.Kind == ResourceKind.Redis)
        {
            // Data lives under .openclaw/ so a restart of the AppHost keeps shops, tokens and cursors.
            var dataDir = Path.Combine(root, ".openclaw", resource.Name);
            Directory.CreateDirectory(dataDir);
            var args = $"garnet-server --port {resource.Port} --bind 127.0.0.1 --lua true --aof --storage-tier true --device-type RandomAccess " +
                       $"--logdir \"{dataDir}\" --checkpointdir \"{dataDir}\" -m 256m --index 64m --recover";
            return ChildProcess.Start(resource.Name, "dotnet", args, root, env, log);
        }

        var projectDir = Path.Combine(root, resource.ProjectPath!);
        var dll = Path.Combine(projectDir, "bin", "Debug", "net10.0", resource.AssemblyName + ".dll");
        var withUrls = new Dictionary<string, string>(env) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{resource.Port}" };
        return ChildProcess.Start(resource.Name, "dotnet", $"\"{dll}\"", projectDir, withUrls, log);
    }

    private static Dictionary<string, string> Inherited()
    {
        // Telemetry export settings pass through, so `OTEL_EXPORTER_OTLP_ENDPOINT=... dotnet run` traces everything.
        var inherited = new Dictionary<string, string>();
        foreach (var key in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL" })
        {
            if (Environment.GetEnvironmentVariable(key) is { Length: > 0 } value)
            {
                inherited[key] = value;
            }
        }

        return inherited;
    }

    private static string Describe(Resource resource) => resource.Kind == ResourceKind.Redis
        ? $"redis://127.0.0.1:{resource.Port}"
        : $"http://127.0.0.1:{resource.Port}";

    private static bool PortInUse(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromMilliseconds(300));
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private async Task RunToEndAsync(string file, string args, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { WorkingDirectory = root, UseShellExecute = false })
            ?? throw new InvalidOperationException($"could not run {file} {args}");
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {args}' failed with exit code {process.ExitCode}");
        }
    }
}
