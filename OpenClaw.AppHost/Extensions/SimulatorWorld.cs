using System.Globalization;

namespace OpenClaw.AppHost.Extensions;

/// <summary>
/// The instant the demo simulator's data hangs from (its <c>Simulator:WorldStart</c>), kept in the store's data folder:
/// the first AppHost start over a folder writes it, later starts read it, so every start serves the same orders and
/// products the store already synced (docs/simulator.md, "World start"). Deleting the folder starts a new world.
/// </summary>
public static class SimulatorWorld
{
    /// <summary>The file's name inside the data folder; it holds one ISO 8601 instant.</summary>
    public const string FileName = "simulator-world-start";

    /// <summary>The world start kept in <paramref name="dataPath"/>, written as <paramref name="now"/> when there is none.</summary>
    /// <param name="dataPath">The store's data folder (created when missing).</param>
    /// <param name="now">The first start's instant (whole seconds are kept).</param>
    /// <exception cref="InvalidOperationException">The file exists but does not hold an instant; the message names it.</exception>
    public static DateTimeOffset StartIn(string dataPath, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataPath);
        var path = Path.Combine(dataPath, FileName);
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var kept)
                ? kept
                : throw new InvalidOperationException(
                    $"{path} holds '{text}', not an ISO 8601 instant such as 2026-12-01T08:00:00+00:00: correct it, or delete it to let the demo's orders change at this start.");
        }

        var start = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        Directory.CreateDirectory(dataPath);
        File.WriteAllText(path, start.ToString("O", CultureInfo.InvariantCulture) + Environment.NewLine);
        return start;
    }
}
