namespace OpenClaw.AppHost.Model;

/// <summary>Finds the repository root, where project paths in the model are relative to.</summary>
internal static class RepositoryLayout
{
    public static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OpenClaw.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the AppHost from inside the OpenClaw checkout (OpenClaw.sln not found).");
    }
}
