using k8s;
using k8s.Models;
using OpenClaw.TestSupport;

namespace OpenClaw.AppHost.Tests.Kubernetes;

/// <summary>The committed deploy/k8s folder, loaded as typed Kubernetes objects (strict: unknown fields fail).</summary>
internal sealed class DeployedManifests
{
    private DeployedManifests(string folder, IReadOnlyList<object> objects)
    {
        Folder = folder;
        Objects = objects;
    }

    /// <summary>Absolute path of deploy/k8s.</summary>
    public string Folder { get; }

    /// <summary>Every document of every manifest file except kustomization.yaml (not a Kubernetes API object).</summary>
    public IReadOnlyList<object> Objects { get; }

    public IEnumerable<V1Deployment> Deployments => Objects.OfType<V1Deployment>();

    public IEnumerable<V1StatefulSet> StatefulSets => Objects.OfType<V1StatefulSet>();

    public IEnumerable<V1Service> Services => Objects.OfType<V1Service>();

    public IEnumerable<V1ConfigMap> ConfigMaps => Objects.OfType<V1ConfigMap>();

    /// <summary>Pod templates of every workload, with the workload's name.</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template)> PodTemplates =>
        Deployments.Select(d => (d.Metadata.Name, d.Spec.Template))
            .Concat(StatefulSets.Select(s => (s.Metadata.Name, s.Spec.Template)));

    public static DeployedManifests Load()
    {
        var folder = Path.Combine(RepositoryRoot.FullPath, "deploy", "k8s");
        var objects = Directory.GetFiles(folder, "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f), typeMap: null, strict: true))
            .ToList();
        return new DeployedManifests(folder, objects);
    }

    public V1Deployment Deployment(string name) => Deployments.Single(d => d.Metadata.Name == name);

    /// <summary>
    /// A container's environment as the process sees it: ConfigMaps from <c>envFrom</c> first, then <c>env</c>
    /// (which wins). Values are the literal text (<c>$(POD_IP)</c> unexpanded), or null for <c>valueFrom</c> entries.
    /// </summary>
    public Dictionary<string, string?> EffectiveEnvironment(V1Container container)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            var configMap = ConfigMaps.Single(c => c.Metadata.Name == source.ConfigMapRef.Name);
            foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>())
            {
                result[key] = value;
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            result[variable.Name] = variable.ValueFrom is null ? variable.Value : null;
        }

        return result;
    }

    /// <summary>Where a variable is defined: the explicit <c>env</c> entry, if any.</summary>
    public static V1EnvVar? Variable(V1Container container, string name) => container.Env?.SingleOrDefault(e => e.Name == name);

    /// <summary>True when the Service selects the pods of the template (its selector is a subset of their labels).</summary>
    public static bool Selects(IDictionary<string, string> selector, V1PodTemplateSpec template) =>
        selector.Count > 0 && selector.All(kv => template.Metadata.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
