using System.Text;
using k8s;
using k8s.Models;
using OpenClaw.AppHost.Store;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OpenClaw.AppHost.Kubernetes;

/// <summary>
/// Turns the AppHost's model into Kubernetes manifests: each project a Deployment (+ ConfigMap, Service, PDB), the
/// store a Redis StatefulSet, plus the standalone Aspire dashboard and a kustomization. Nothing here lists OpenClaw's
/// services: adding a project to <c>AppHost.cs</c> adds its manifests.
/// </summary>
public static class ManifestWriter
{
    /// <summary>The command that regenerates <c>deploy/k8s</c>.</summary>
    public const string Command = "dotnet run --project OpenClaw.AppHost -- --publisher k8s --output-path deploy/k8s";

    /// <summary>First line of every generated file; files carrying it are replaced (or removed) on regeneration.</summary>
    public const string Marker = "# Generated from the OpenClaw AppHost model; do not edit.";

    /// <summary>Builds every manifest file for <paramref name="model"/>, in a stable order.</summary>
    public static async Task<IReadOnlyList<ManifestFile>> BuildAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var files = new List<ManifestFile>();
        foreach (var resource in model.Resources.Where(r => !r.IsExcludedFromPublish()))
        {
            switch (resource)
            {
                case RedisProtocolServerResource store:
                    files.Add(StoreManifests.Create(store));
                    break;
                case ProjectResource project:
                    files.Add(await ProjectManifests.CreateAsync(project, executionContext, cancellationToken).ConfigureAwait(false));
                    break;
                // Connection strings and parameters are not workloads: their values come from the Secret.
                case ConnectionStringResource or ParameterResource:
                    break;
                default:
                    throw new NotSupportedException($"Resource '{resource.Name}' ({resource.GetType().Name}) has no Kubernetes translation; exclude it from publish or add one.");
            }
        }

        if (model.Resources.Any(r => r.Annotations.OfType<OtlpExporterAnnotation>().Any()))
        {
            files.Add(DashboardManifests.Create());
        }

        return files;
    }

    /// <summary>Writes the manifests and <c>kustomization.yaml</c> into <paramref name="outputDirectory"/>; returns the paths written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, string outputDirectory, CancellationToken cancellationToken)
    {
        var files = await BuildAsync(model, executionContext, cancellationToken).ConfigureAwait(false);
        var secretKeys = files.SelectMany(f => f.Objects).SelectMany(SecretKeys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        foreach (var file in files)
        {
            var body = string.Join("---\n", file.Objects.Select(o => KubernetesYaml.Serialize(o).ReplaceLineEndings("\n").TrimEnd('\n') + "\n"));
            written.Add(await WriteFileAsync(outputDirectory, file.FileName, Header(file.Description, secretKeys) + body, cancellationToken).ConfigureAwait(false));
        }

        var kustomization = new Kustomization("kustomize.config.k8s.io/v1beta1", "Kustomization", files.Select(f => f.FileName).ToList());
        var yaml = new SerializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Serialize(kustomization);
        var description = "Apply with `kubectl apply -k deploy/k8s` after creating the Secret (docs/deploy.md). Point the images at " +
            "your registry with kustomize `images:` entries (name: openclaw/silo, newName: registry.example.com/openclaw/silo, newTag: 1.0.0).";
        written.Add(await WriteFileAsync(outputDirectory, "kustomization.yaml", Header(description, secretKeys) + yaml.ReplaceLineEndings("\n"), cancellationToken).ConfigureAwait(false));

        RemoveStaleFiles(outputDirectory, written);
        return written;
    }

    private static async Task<string> WriteFileAsync(string directory, string fileName, string content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, fileName);
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
        return path;
    }

    // A file we generated earlier for a resource that is gone would otherwise linger and still be applied.
    private static void RemoveStaleFiles(string directory, IReadOnlyList<string> written)
    {
        foreach (var path in Directory.EnumerateFiles(directory, "*.yaml"))
        {
            if (!written.Contains(path, StringComparer.Ordinal) && File.ReadLines(path).FirstOrDefault() == Marker)
            {
                File.Delete(path);
            }
        }
    }

    private static string Header(string description, IReadOnlyList<string> secretKeys)
    {
        var header = new StringBuilder();
        header.Append(Marker).Append('\n');
        header.Append("# Regenerate: ").Append(Command).Append('\n');
        foreach (var line in Wrap(description, 110))
        {
            header.Append("# ").Append(line).Append('\n');
        }

        header.Append("# Images openclaw/<name>:<tag> are the projects' own container settings (ContainerRepository, ContainerImageTag):\n");
        header.Append("#   dotnet publish <project> -c Release -t:PublishContainer -p:ContainerRegistry=<your registry>.\n");
        header.Append("# Secret '").Append(KubernetesConventions.SecretName).Append("' is referenced, never generated; it must hold: ")
            .Append(string.Join(", ", secretKeys)).Append('\n');
        return header.ToString();
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    private static IEnumerable<string> SecretKeys(object manifest)
    {
        var pod = manifest switch
        {
            V1Deployment d => d.Spec.Template.Spec,
            V1StatefulSet s => s.Spec.Template.Spec,
            _ => null,
        };
        return pod?.Containers.SelectMany(c => c.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef?.Key).OfType<string>() ?? [];
    }

    // kustomize's file format; YamlDotNet writes it (it is not a Kubernetes API object).
    private sealed record Kustomization(string ApiVersion, string Kind, IReadOnlyList<string> Resources);
}
