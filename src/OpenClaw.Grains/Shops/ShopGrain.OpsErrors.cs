using OpenClaw.Grains.Alerts.Evaluation;
using OpenClaw.TikTokShop.Calls;

namespace OpenClaw.Grains.Shops;

// Every TikTok call of the shop reports its failed attempts to the ops error book: sync and webhook fetches through
// FetchContextAsync's CallOptions, token refreshes through TokenLifecycle.RefreshCallOptions (issue 10).
public sealed partial class ShopGrain
{
    private CallOptions RefreshCallOptions => new() { OnFailure = FailedCallRecorder() };

    // The client calls back after ConfigureAwait(false), off the activation's scheduler, where touching the grain's
    // runtime (its key, its context) throws: everything is captured here, on the activation. The state object is
    // captured rather than its tenant id, so a recorder made before the shop was connected still names the tenant.
    private Func<FailedCall, CancellationToken, ValueTask> FailedCallRecorder()
    {
        var book = services.OpsErrors;
        var state = shop.State;
        var shopId = ShopId;
        var apiCalls = _apiCalls;
        var clock = time;
        return (call, _) =>
        {
            apiCalls.RecordFailedAttempts(ApiCallWindow.FailedAttemptsOf(call.RetryCount, call.Recovered), clock.GetUtcNow()); // the API error rate alert
            return book.RecordAsync(state.TenantId, shopId, call);
        };
    }
}
