using System.Runtime.InteropServices;
using OpenClaw.AppHost.Publish;
using OpenClaw.AppHost.Run;

namespace OpenClaw.AppHost.Model;

/// <summary>The built resource model: runs it locally or publishes it as Kubernetes manifests.</summary>
public sealed class DistributedApplication
{
    private readonly IReadOnlyList<Resource> resources;
    private readonly string[] args;

    internal DistributedApplication(IReadOnlyList<Resource> resources, string[] args)
    {
        this.resources = resources;
        this.args = args;
    }

    /// <summary>Starts a builder; <c>publish [--output DIR]</c> in the arguments selects publishing.</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    /// <summary>Resources in start order (dependencies first).</summary>
    public IReadOnlyList<Resource> Resources => resources;

    /// <summary>Runs the selected mode; returns the process exit code.</summary>
    public async Task<int> RunAsync()
    {
        var root = RepositoryLayout.FindRoot();
        if (args.Length > 0 && args[0] == "publish")
        {
            var output = OptionValue("--output") ?? Path.Combine(root, "deploy", "k8s");
            var files = KubernetesManifests.Write(resources, output, OptionValue("--registry") ?? "ghcr.io/openclaw", OptionValue("--tag") ?? "latest");
            foreach (var file in files)
            {
                Console.WriteLine("wrote " + Path.GetRelativePath(root, file));
            }

            return 0;
        }

        using var shutdown = new CancellationTokenSource();
        // Ctrl+C and SIGTERM (kubectl, systemd, a parent process) both stop the children in order before this
        // process exits; without cancelling the default handling, SIGTERM would exit at once and orphan them.
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            shutdown.Cancel();
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await using var runner = new LocalRunner(root, resources, Console.Out);
        return await runner.RunAsync(shutdown.Token).ConfigureAwait(false);
    }

    private string? OptionValue(string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

/// <summary>Collects resources; mirrors Aspire's <c>IDistributedApplicationBuilder</c> for the parts OpenClaw uses.</summary>
public sealed class DistributedApplicationBuilder(string[] args)
{
    private readonly List<Resource> resources = [];

    /// <summary>A Redis-protocol store: Garnet (local tool) when run locally, Redis in Kubernetes.</summary>
    public ResourceBuilder AddGarnet(string name, int port) => Add(new Resource(name, ResourceKind.Redis, port));

    /// <summary>A project of this repository listening on <paramref name="port"/> locally.</summary>
    public ResourceBuilder AddProject(string name, string projectPath, int port) =>
        Add(new Resource(name, ResourceKind.Project, port) { ProjectPath = projectPath });

    /// <summary>Freezes the model, ordering resources so every reference starts before its user.</summary>
    public DistributedApplication Build() => new(StartOrder.Sort(resources), args);

    private ResourceBuilder Add(Resource resource)
    {
        if (resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"Resource '{resource.Name}' is declared twice.");
        }

        resources.Add(resource);
        return new ResourceBuilder(resource);
    }
}
