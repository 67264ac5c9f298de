namespace OpenClaw.TestSupport;

/// <summary>Finds the checkout's root (the folder holding <c>dotnet-tools.json</c>) from a test's output folder.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "dotnet-tools.json")) && File.Exists(Path.Combine(dir.FullName, "OpenClaw.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (dotnet-tools.json beside OpenClaw.sln) above " + AppContext.BaseDirectory);
    });

    /// <summary>Absolute path of the repository root.</summary>
    public static string FullPath => Root.Value;
}
