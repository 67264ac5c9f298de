namespace OpenClaw.AppHost.Kubernetes;

/// <summary>One generated YAML file: its name, a one-line description for the header, and its Kubernetes objects.</summary>
/// <param name="FileName">File name inside the output folder.</param>
/// <param name="Description">What the file holds and why, written into the header comment.</param>
/// <param name="Objects">Typed <c>k8s.Models</c> objects, written as one YAML document each.</param>
public sealed record ManifestFile(string FileName, string Description, IReadOnlyList<object> Objects);
