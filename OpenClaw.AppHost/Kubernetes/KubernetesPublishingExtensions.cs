#pragma warning disable ASPIREPIPELINES001 // Aspire's publish pipeline is experimental in 13.6.
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenClaw.AppHost.Kubernetes;

/// <summary>
/// Adds the <c>publish-k8s</c> step to Aspire's publish pipeline. No Aspire Kubernetes publisher is available here,
/// so this step writes the manifests itself from the built model; DCP never starts in publish mode.
/// </summary>
public static partial class KubernetesPublishingExtensions
{
    /// <summary>Name of the pipeline step (<c>--operation publish --step publish-k8s</c>).</summary>
    public const string StepName = "publish-k8s";

    /// <summary>Value of <c>--publisher</c> that selects this step alone.</summary>
    public const string PublisherName = "k8s";

    /// <summary>
    /// Registers the step (part of <c>aspire publish</c> too) and the short form <c>--publisher k8s</c>. The output
    /// folder is <c>--output-path</c> (relative paths are from the repository root, since <c>dotnet run</c> starts the
    /// AppHost in its project folder), or the repository's <c>deploy/k8s</c>.
    /// </summary>
    public static IDistributedApplicationBuilder AddKubernetesManifests(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Like Aspire's own `--publisher manifest`: naming the publisher runs only its step.
        if (string.Equals(builder.Configuration["Publishing:Publisher"], PublisherName, StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(builder.Configuration["Pipeline:Step"]))
        {
            builder.Configuration["Pipeline:Step"] = StepName;
        }

        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        builder.Pipeline.AddStep(StepName, async context =>
        {
            var configured = context.Services.GetRequiredService<IOptions<PipelineOptions>>().Value.OutputPath;
            var output = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine("deploy", "k8s") : configured, root);
            var written = await ManifestWriter.WriteAsync(context.Model, context.ExecutionContext, output, context.CancellationToken).ConfigureAwait(false);
            foreach (var path in written)
            {
                LogWrote(context.Logger, path);
            }
        }, requiredBy: WellKnownPipelineSteps.Publish);
        return builder;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Path}")]
    private static partial void LogWrote(ILogger logger, string path);
}
