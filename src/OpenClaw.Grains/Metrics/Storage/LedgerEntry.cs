namespace OpenClaw.Grains.Metrics.Storage;

/// <summary>
/// What the ledger remembers of one group: the contribution last applied to the buckets and, for an order group, the
/// ids of its returns (<c>r&lt;id&gt;</c>) and cancellations (<c>c&lt;id&gt;</c>), which TikTok keys by their own ids
/// (so a recomputation finds every member without scanning). Encoded as <c>members,comma,separated</c> followed by
/// <see cref="MetricContribution.Encode"/>.
/// </summary>
/// <param name="Members">Member ids, prefixed by kind.</param>
/// <param name="Contribution">The contribution last applied.</param>
public sealed record LedgerEntry(IReadOnlyCollection<string> Members, MetricContribution Contribution)
{
    /// <summary>The member naming a stored return.</summary>
    public static string ReturnMember(string returnId) => "r" + returnId;

    /// <summary>The member naming a stored cancellation.</summary>
    public static string CancellationMember(string cancelId) => "c" + cancelId;

    /// <summary>The return ids among <paramref name="members"/>.</summary>
    public static IEnumerable<string> ReturnIds(IEnumerable<string> members) => IdsOf(members, 'r');

    /// <summary>The cancellation ids among <paramref name="members"/>.</summary>
    public static IEnumerable<string> CancellationIds(IEnumerable<string> members) => IdsOf(members, 'c');

    /// <summary>The ledger value.</summary>
    public string Encode() => string.Join(',', Members.Order(StringComparer.Ordinal)) + Contribution.Encode();

    /// <summary>Reads <see cref="Encode"/>'s form.</summary>
    /// <exception cref="FormatException">The value is not a ledger entry.</exception>
    public static LedgerEntry Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var start = value.IndexOf('\u001e', StringComparison.Ordinal);
        var members = start < 0 ? value : value[..start];
        return new LedgerEntry(members.Length == 0 ? [] : members.Split(','), MetricContribution.Decode(start < 0 ? "" : value.AsSpan(start)));
    }

    private static IEnumerable<string> IdsOf(IEnumerable<string> members, char kind) =>
        members.Where(m => m.Length > 0 && m[0] == kind).Select(m => m[1..]);
}
