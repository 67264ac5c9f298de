using System.Xml.Linq;

namespace OpenClaw.AppHost.Kubernetes;

/// <summary>
/// A project's container image as its project file configures the SDK's container support
/// (<c>dotnet publish -t:PublishContainer</c>): <c>ContainerRepository</c> and <c>ContainerImageTag</c>. The manifests
/// use exactly that name, so what CI publishes is what the Deployments pull (a registry prefix is added with
/// kustomize <c>images:</c>).
/// </summary>
/// <param name="Repository">E.g. <c>openclaw/api</c>.</param>
/// <param name="Tag">E.g. <c>latest</c>.</param>
public sealed record ContainerImage(string Repository, string Tag)
{
    /// <summary>The image reference: <c>repository:tag</c>.</summary>
    public string Reference => $"{Repository}:{Tag}";

    /// <summary>Reads the settings from <paramref name="project"/>'s project file.</summary>
    public static ContainerImage Of(ProjectResource project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var path = project.GetProjectMetadata().ProjectPath;
        var properties = XDocument.Load(path).Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup").ToList();
        string? Property(string name) => properties.LastOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
        var repository = Property("ContainerRepository");
        var tag = Property("ContainerImageTag");
        if (string.IsNullOrEmpty(repository) || string.IsNullOrEmpty(tag))
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(path)} must set ContainerRepository and ContainerImageTag: the manifests of '{project.Name}' use that image.");
        }

        return new ContainerImage(repository, tag);
    }
}
