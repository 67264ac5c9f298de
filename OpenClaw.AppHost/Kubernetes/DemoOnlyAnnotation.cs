namespace OpenClaw.AppHost.Kubernetes;

/// <summary>Marks a resource whose manifests exist for demos only (labelled and commented so operators can drop them).</summary>
/// <param name="Reason">One line saying why it is not for production.</param>
public sealed record DemoOnlyAnnotation(string Reason) : IResourceAnnotation;
