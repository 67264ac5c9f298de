using OpenClaw.TikTokShop.Calls;

namespace OpenClaw.Grains.Shops;

// Every TikTok call of the shop reports its failed attempts to the ops error book: sync and webhook fetches through
// FetchContextAsync's CallOptions, token refreshes through TokenLifecycle.RefreshCallOptions (issue 10).
public sealed partial class ShopGrain
{
    private CallOptions RefreshCallOptions => new() { OnFailure = RecordFailedCallAsync };

    private ValueTask RecordFailedCallAsync(FailedCall call, CancellationToken cancellationToken) =>
        services.OpsErrors.RecordAsync(shop.State.TenantId, ShopId, call);
}
