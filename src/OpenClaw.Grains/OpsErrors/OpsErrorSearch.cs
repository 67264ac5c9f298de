using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OpenClaw.Grains.OpsErrors;

/// <summary>
/// Reads a tenant's ops errors straight from Redis (ARCHITECTURE §3: cross-shop reads never call the grains).
/// Index-driven: of the indexes the filter names (code, HTTP status, endpoint, shop, retries ≥ k; else all groups)
/// it counts each one's groups inside the time range in one pipelined round trip, scans only the smallest, newest
/// last seen first, in batches, loads those groups' hashes pipelined and checks the other criteria on them. Never
/// looks further back than the retention window. Read-only: a group that expired since it was indexed is skipped.
/// </summary>
public sealed class OpsErrorSearch(IConnectionMultiplexer redis, IOptions<OpsErrorOptions> options, TimeProvider time)
{
    private const int Batch = 200;

    // Groups per batch of a streaming read (export, summary, count past the cap).
    private const int StreamBatch = 1_000;

    /// <summary>Most rows an export or a summary reads (<see cref="OpsErrorOptions.ExportRowLimit"/>).</summary>
    public int RowLimit => options.Value.ExportRowLimit;

    /// <summary>One page of matching groups, newest last seen first, and the cursor of the next page (null on the last).</summary>
    public async Task<(IReadOnlyList<OpsErrorRecord> Items, OpsErrorCursor? Next)> SearchAsync(
        string tenantId, OpsErrorFilter filter, int limit, OpsErrorCursor? after, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var items = new List<(OpsErrorRecord Record, double Score)>(limit + 1);
        await foreach (var hit in ScanAsync(tenantId, filter, after, cancellationToken).ConfigureAwait(false))
        {
            items.Add(hit);
            if (items.Count > limit)
            {
                break;
            }
        }

        var more = items.Count > limit;
        var page = items.Take(limit).ToList();
        var next = more ? new OpsErrorCursor((long)page[^1].Score, page[^1].Record.GroupId) : null;
        return ([.. page.Select(p => p.Record)], next);
    }

    /// <summary>Every matching group, newest last seen first, streamed (for exports; the caller caps the count).</summary>
    public async IAsyncEnumerable<OpsErrorRecord> ReadAllAsync(
        string tenantId, OpsErrorFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (record, _) in ScanAsync(tenantId, filter, null, cancellationToken, readAhead: true).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <summary>
    /// Matching groups counted by <paramref name="by"/> (at most <see cref="RowLimit"/> groups are read; <c>Truncated</c>
    /// says when more matched), largest occurrence count first.
    /// </summary>
    public async Task<(IReadOnlyList<OpsErrorCount> Counts, bool Truncated)> SummarizeAsync(
        string tenantId, OpsErrorFilter filter, OpsErrorDimension by, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, OpsErrorCount>(StringComparer.Ordinal);
        var read = 0;
        await foreach (var (r, _) in ScanAsync(tenantId, filter, null, cancellationToken, readAhead: true).ConfigureAwait(false))
        {
            if (++read > RowLimit)
            {
                break;
            }

            var key = by switch
            {
                OpsErrorDimension.Code => r.Code,
                OpsErrorDimension.Endpoint => r.Endpoint,
                OpsErrorDimension.Shop => r.ShopId,
                _ => r.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
            };
            counts[key] = counts.TryGetValue(key, out var c)
                ? c with { Groups = c.Groups + 1, Occurrences = c.Occurrences + r.Occurrences, LastSeen = c.LastSeen > r.LastSeen ? c.LastSeen : r.LastSeen }
                : new OpsErrorCount(key, 1, r.Occurrences, r.LastSeen);
        }

        return ([.. counts.Values.OrderByDescending(c => c.Occurrences).ThenBy(c => c.Key, StringComparer.Ordinal)], read > RowLimit);
    }

    /// <summary>True when more than <paramref name="limit"/> groups match (an export past its cap says so up front).</summary>
    public async Task<bool> ExceedsAsync(string tenantId, OpsErrorFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var (from, to) = Range(filter);
        // Cheap upper bound first: the smallest index's count in range; only past the limit are the groups read.
        var bound = (await Task.WhenAll(filter.IndexKeys(tenantId).Select(k => db.SortedSetLengthAsync(k, from, to))).ConfigureAwait(false)).Min();
        if (bound <= limit)
        {
            return false;
        }

        var n = 0;
        await foreach (var _ in ScanAsync(tenantId, filter, null, cancellationToken).ConfigureAwait(false))
        {
            if (++n > limit)
            {
                return true;
            }
        }

        return false;
    }

    // Streaming reads (export, summary) ask for the next batch before handing out the current one, so Redis reads
    // overlap the caller's work (CSV formatting and writing) instead of alternating with it; pages read no further ahead.
    private async IAsyncEnumerable<(OpsErrorRecord Record, double Score)> ScanAsync(
        string tenantId, OpsErrorFilter filter, OpsErrorCursor? after, [EnumeratorCancellation] CancellationToken cancellationToken,
        bool readAhead = false)
    {
        var db = redis.GetDatabase();
        var (from, to) = Range(filter);
        var keys = filter.IndexKeys(tenantId);
        var key = keys[0];
        if (keys.Count > 1)
        {
            var sizes = await Task.WhenAll(keys.Select(k => db.SortedSetLengthAsync(k, from, to))).ConfigureAwait(false);
            key = keys[Array.IndexOf(sizes, sizes.Min())];
        }

        var size = readAhead ? StreamBatch : Batch;
        var max = after is null ? to : Math.Min(to, after.LastSeenMs);
        var afterMember = after?.GroupId;
        var take = size;
        var pending = max >= from ? FetchAsync(max, afterMember, take) : null;
        while (pending is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (batch, fresh, hashes) = await pending.ConfigureAwait(false);
            pending = null;
            if (fresh.Length == 0)
            {
                if (batch.Length < take)
                {
                    yield break;
                }

                take *= 2; // a run of equal scores longer than the batch
                pending = FetchAsync(max, afterMember, take);
                continue;
            }

            var more = batch.Length >= take;
            if (more)
            {
                (max, afterMember, take) = (fresh[^1].Score, fresh[^1].Element.ToString(), size);
                pending = readAhead ? FetchAsync(max, afterMember, take) : null;
            }

            for (var i = 0; i < fresh.Length; i++)
            {
                if (OpsErrorRecord.FromHash(await hashes[i].ConfigureAwait(false)) is { } record && filter.Matches(record))
                {
                    yield return (record, fresh[i].Score);
                }
            }

            if (more && !readAhead)
            {
                pending = FetchAsync(max, afterMember, take);
            }
        }

        // One batch of the index (newest first from max) and its groups' hashes, sent but not awaited.
        async Task<(SortedSetEntry[] Batch, SortedSetEntry[] Fresh, Task<HashEntry[]>[] Hashes)> FetchAsync(double max, string? afterMember, int take)
        {
            var batch = await db.SortedSetRangeByScoreWithScoresAsync(key, from, max, Exclude.None, Order.Descending, 0, take).ConfigureAwait(false);
            // Equal scores come in descending member order: those at the boundary up to the last one seen are done.
            var fresh = batch.Where(e => afterMember is null || e.Score < max || string.CompareOrdinal(e.Element.ToString(), afterMember) < 0).ToArray();
            return (batch, fresh, [.. fresh.Select(e => db.HashGetAllAsync(OpsErrorKeys.Group(tenantId, e.Element.ToString())))]);
        }
    }

    // Last-seen bounds in Unix ms: the filter's, never older than the retention window.
    private (double From, double To) Range(OpsErrorFilter filter)
    {
        var oldest = time.GetUtcNow() - options.Value.Retention;
        var from = filter.From is { } f && f > oldest ? f : oldest;
        return (from.ToUnixTimeMilliseconds(), filter.To?.ToUnixTimeMilliseconds() ?? double.PositiveInfinity);
    }
}

/// <summary>What <see cref="OpsErrorSearch.SummarizeAsync"/> groups by.</summary>
public enum OpsErrorDimension
{
    /// <summary>Error catalogue key.</summary>
    Code,

    /// <summary>API path template.</summary>
    Endpoint,

    /// <summary>TikTok shop id.</summary>
    Shop,

    /// <summary>HTTP status (<c>none</c> when no answer arrived).</summary>
    HttpStatus,
}

/// <summary>One line of a summary.</summary>
/// <param name="Key">The code, endpoint, shop id or HTTP status.</param>
/// <param name="Groups">Matching groups with that key.</param>
/// <param name="Occurrences">Their failed calls together.</param>
/// <param name="LastSeen">The latest of them (UTC).</param>
public sealed record OpsErrorCount(string Key, long Groups, long Occurrences, DateTimeOffset LastSeen);
