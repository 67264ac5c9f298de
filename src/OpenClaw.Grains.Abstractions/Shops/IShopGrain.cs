using OpenClaw.Grains.Sync;
using Orleans.Concurrency;

namespace OpenClaw.Grains.Shops;

/// <summary>
/// One connected TikTok shop, keyed by its TikTok shop id (ARCHITECTURE §3, §5). The grain is the only writer of
/// its shop's data (tokens, sync cursors, entities); every method is a turn of a non-reentrant grain, so writes to
/// one shop never interleave. Sync work runs in short timer turns, so a call waits at most about one page.
/// </summary>
public interface IShopGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the shop for a tenant (or updates its registration) and marks it active. With
    /// <see cref="ShopRegistration.Tokens"/> the grant is installed (encrypted) and syncing starts, including a backfill
    /// of the configured history; connecting again with new tokens is how a shop that needs re-authorization recovers.
    /// </summary>
    /// <exception cref="ArgumentException">The registration is invalid (empty tenant, unknown region).</exception>
    /// <exception cref="InvalidOperationException">The shop already belongs to another tenant.</exception>
    Task<ShopSnapshot> ConnectAsync(ShopRegistration registration);

    /// <summary>Replaces the shop's operator settings; every accepted change increments <see cref="ShopSnapshot.Revision"/>.</summary>
    /// <exception cref="ArgumentException">Bad time zone, tag, warehouse name or sync interval (the message names it).</exception>
    /// <exception cref="InvalidOperationException">The shop is not connected.</exception>
    Task<ShopSnapshot> UpdateSettingsAsync(ShopSettings settings);

    /// <summary>
    /// Compare-and-set: replaces the settings only when the shop's <see cref="ShopSnapshot.Revision"/> is still
    /// <paramref name="expectedRevision"/>, checked inside the grain's turn, so of two writers holding the same revision
    /// exactly one succeeds (the API's <c>If-Match</c>). Otherwise nothing changes and the current shop is returned.
    /// </summary>
    /// <exception cref="ArgumentException">Bad time zone, tag, warehouse name or sync interval (the message names it).</exception>
    /// <exception cref="InvalidOperationException">The shop is not connected.</exception>
    Task<SettingsUpdate> UpdateSettingsIfAsync(ShopSettings settings, long expectedRevision);

    /// <summary>The shop as stored, or a snapshot with <see cref="ShopStatus.NotConnected"/> for an unknown id.</summary>
    /// <remarks>Interleaves with a running sync turn (it only reads), so it answers at once even while a page is slow.</remarks>
    [AlwaysInterleave]
    Task<ShopSnapshot> GetAsync();

    /// <summary>Marks the shop disconnected, stops its sync and removes its reminder; its stored data stays readable.</summary>
    Task<ShopSnapshot> DisconnectAsync();

    /// <summary>Token, per-domain sync and call-volume status (the read model also written to Redis).</summary>
    /// <remarks>Interleaves with a running sync turn (it only reads).</remarks>
    [AlwaysInterleave]
    Task<ShopSyncReport> GetSyncReportAsync();

    /// <summary>Makes the given domains (all when null or empty) due now; the work starts within about a second.</summary>
    /// <remarks>
    /// Interleaves with a running sync turn and answers at once, even while a page is slow; a domain whose window was in
    /// progress fetches another one, beginning after the press, when that turn ends.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The shop is not connected.</exception>
    [AlwaysInterleave]
    Task SyncNowAsync(IReadOnlyList<SyncDomain>? domains = null);

    /// <summary>
    /// Requests history from <paramref name="from"/> (UTC) for every windowed domain, fetched in bounded chunks below
    /// incremental sync. An earlier start than the one already done extends the backfill; a later one changes nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is in the future or more than 3 years back.</exception>
    /// <exception cref="InvalidOperationException">The shop is not connected.</exception>
    Task StartBackfillAsync(DateTimeOffset from);

    /// <summary>
    /// A verified, deduplicated TikTok webhook for this shop (contract §6): queues a targeted fetch of the named
    /// order, return or product ahead of all other work, or acts on deauthorization (6) and authorization expiry (7).
    /// </summary>
    Task HandleWebhookAsync(ShopWebhook webhook);
}
