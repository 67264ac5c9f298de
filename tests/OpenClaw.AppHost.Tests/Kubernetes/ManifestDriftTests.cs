using Aspire.Hosting;
using Aspire.Hosting.Testing;
using OpenClaw.AppHost.Kubernetes;
using OpenClaw.TestSupport;

namespace OpenClaw.AppHost.Tests.Kubernetes;

/// <summary>deploy/k8s is generated from the AppHost model; this fails when the model and the committed files disagree.</summary>
public sealed class ManifestDriftTests : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), "openclaw-k8s-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Committed_manifests_match_a_fresh_generation_from_the_AppHost()
    {
        var ct = TestContext.Current.CancellationToken;

        // The real AppHost entry point with the documented arguments: Aspire's publish pipeline runs our
        // publish-k8s step (no DCP, nothing starts) and the host stops when it is done.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.OpenClaw_AppHost>(
            ["--publisher", "k8s", "--output-path", output], ct);
        await using var app = await builder.BuildAsync(ct);
        await app.RunAsync(ct).WaitAsync(TimeSpan.FromMinutes(2), ct);

        var committedFolder = Path.Combine(RepositoryRoot.FullPath, "deploy", "k8s");
        var generated = Directory.GetFiles(output, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var committed = Directory.GetFiles(committedFolder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var hint = $"deploy/k8s is out of date with OpenClaw.AppHost; regenerate it with `{ManifestWriter.Command}` and commit the result.";

        Assert.True(generated.Count > 0, "the publish step wrote nothing");
        Assert.True(generated.SequenceEqual(committed), $"{hint}\ngenerated: {string.Join(", ", generated)}\ncommitted: {string.Join(", ", committed)}");
        foreach (var file in generated)
        {
            var expected = await File.ReadAllTextAsync(Path.Combine(output, file!), ct);
            var actual = (await File.ReadAllTextAsync(Path.Combine(committedFolder, file!), ct)).ReplaceLineEndings("\n");
            Assert.True(expected == actual, $"{hint}\n{file} differs (first difference at line {FirstDifferentLine(expected, actual)}).");
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i + 1;
    }
}
