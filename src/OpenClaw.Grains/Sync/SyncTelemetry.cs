using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Shops;

namespace OpenClaw.Grains.Sync;

/// <summary>
/// The "OpenClaw.Sync" activity source and meter (ARCHITECTURE §6): a span per timer turn and per page, counters of
/// pages, calls and upserts, the lag a window closed and the shop events. Tags carry ids and domains, never a token.
/// </summary>
public static class SyncTelemetry
{
    /// <summary>Activity source and meter name.</summary>
    public const string Name = "OpenClaw.Sync";

    /// <summary>TikTok shop id tag (ARCHITECTURE §6).</summary>
    public const string ShopIdTag = "tiktok.shop_id";

    /// <summary>Pages fetched in a turn.</summary>
    public const string PagesTag = "openclaw.sync.pages";

    /// <summary>The span source.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Pages = Meter.CreateCounter<long>("openclaw.sync.pages", "{page}", "Pages fetched and stored");
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("openclaw.sync.calls", "{call}", "TikTok API calls made by sync (quota use)");
    private static readonly Counter<long> Upserts = Meter.CreateCounter<long>("openclaw.sync.upserts", "{entity}", "Entities written (new or newer versions)");
    private static readonly Counter<long> Stale = Meter.CreateCounter<long>("openclaw.sync.stale_versions", "{entity}", "Older versions ignored (late or repeated pages)");
    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("openclaw.sync.lag", "s", "Age of a domain's watermark when an incremental window started");
    private static readonly Counter<long> Events = Meter.CreateCounter<long>("openclaw.shop.events", "{event}", "Shop events (re-authorization, expiry warnings, deactivation)");
    private static readonly Counter<long> Webhooks = Meter.CreateCounter<long>("openclaw.sync.webhooks", "{webhook}", "Webhooks handed to shop grains");

    /// <summary>Starts the span of one page of a window.</summary>
    public static Activity? StartPage(string shopId, SyncDomain domain, SyncKind kind, SyncWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var activity = Source.StartActivity("sync page");
        activity?.SetTag(ShopIdTag, shopId);
        activity?.SetTag("openclaw.sync.domain", domain.ToString());
        activity?.SetTag("openclaw.sync.kind", kind.ToString());
        activity?.SetTag("openclaw.sync.window.from", window.From.ToUnixTimeSeconds());
        activity?.SetTag("openclaw.sync.window.to", window.To.ToUnixTimeSeconds());
        activity?.SetTag("openclaw.sync.page", window.Pages);
        return activity;
    }

    /// <summary>Starts the span of a targeted (webhook) fetch.</summary>
    public static Activity? StartTargeted(string shopId, SyncDomain domain, int ids)
    {
        var activity = Source.StartActivity("sync targeted");
        activity?.SetTag(ShopIdTag, shopId);
        activity?.SetTag("openclaw.sync.domain", domain.ToString());
        activity?.SetTag("openclaw.sync.ids", ids);
        return activity;
    }

    /// <summary>Counts a stored page.</summary>
    public static void RecordPage(SyncDomain domain, SyncKind kind, int calls, UpsertResult result, Activity? activity)
    {
        var tags = new TagList { { "openclaw.sync.domain", domain.ToString() }, { "openclaw.sync.kind", kind.ToString() } };
        Pages.Add(1, tags);
        Calls.Add(calls, tags);
        Upserts.Add(result.Written, tags);
        Stale.Add(result.Stale, tags);
        activity?.SetTag("openclaw.sync.upserts", result.Written);
        activity?.SetTag("openclaw.sync.stale", result.Stale);
        activity?.SetTag("openclaw.sync.calls", calls);
    }

    /// <summary>Records the watermark age (seconds) at the start of a completed incremental window.</summary>
    public static void RecordLag(SyncDomain domain, double seconds) =>
        Lag.Record(seconds, new KeyValuePair<string, object?>("openclaw.sync.domain", domain.ToString()));

    /// <summary>Counts a shop event.</summary>
    public static void RecordEvent(ShopEventKind kind) => Events.Add(1, new KeyValuePair<string, object?>("openclaw.shop.event", kind.ToString()));

    /// <summary>Counts a webhook by type.</summary>
    public static void RecordWebhook(int type) => Webhooks.Add(1, new KeyValuePair<string, object?>("tiktok.webhook.type", type));
}
