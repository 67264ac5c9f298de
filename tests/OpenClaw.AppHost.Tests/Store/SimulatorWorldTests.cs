using OpenClaw.AppHost.Extensions;

namespace OpenClaw.AppHost.Tests.Store;

/// <summary>
/// The demo simulator's data hangs from the first start over the store's folder: a second <c>dotnet run</c> serves the
/// orders the store synced (the same totals for the same ids), while its clock starts anew.
/// </summary>
public sealed class SimulatorWorldTests : IDisposable
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "openclaw-world-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_first_start_over_a_data_folder_fixes_the_world_start_and_later_starts_reuse_it()
    {
        var first = await WorldStartAsync([$"--Store:DataPath={dataPath}"]);
        Assert.NotNull(first);
        Assert.True(File.Exists(Path.Combine(dataPath, SimulatorWorld.FileName)));
        Assert.InRange(DateTimeOffset.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);

        await Task.Delay(TimeSpan.FromSeconds(1.1), TestContext.Current.CancellationToken); // a later start: its clock differs
        Assert.Equal(first, await WorldStartAsync([$"--Store:DataPath={dataPath}", "--Store:Kind=garnet"]));
        Assert.NotEqual(first, await WorldStartAsync([$"--Store:DataPath={dataPath}-other"])); // another folder, another world
    }

    [Fact]
    public async Task A_store_given_as_a_connection_string_leaves_the_world_at_each_start()
    {
        Assert.Null(await WorldStartAsync(["--ConnectionStrings:redis=cache.example:6380"]));
    }

    [Fact]
    public void A_world_file_without_an_instant_stops_the_start_naming_the_file_and_is_left_as_it_was()
    {
        Directory.CreateDirectory(dataPath);
        var path = Path.Combine(dataPath, SimulatorWorld.FileName);
        File.WriteAllText(path, "yesterday");
        var ex = Assert.Throws<InvalidOperationException>(() => SimulatorWorld.StartIn(dataPath, DateTimeOffset.UtcNow));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal("yesterday", File.ReadAllText(path));
    }

    public void Dispose()
    {
        foreach (var path in new[] { dataPath, dataPath + "-other" }.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    // The simulator's Simulator__WorldStart as the AppHost's model sets it in run mode (null when not set).
    private static async Task<string?> WorldStartAsync(string[] args)
    {
        await using var app = await AppHostModel.BuildAsync(args);
        var environment = await AppHostModel.EnvironmentAsync(app, app.Resources.Single(r => r.Name == "tiktok-sim"));
        return environment.TryGetValue("Simulator__WorldStart", out var value) ? (string)value : null;
    }
}
