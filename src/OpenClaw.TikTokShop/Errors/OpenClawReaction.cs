namespace OpenClaw.TikTokShop.Errors;

/// <summary>What OpenClaw does when a call fails with a given error.</summary>
public enum OpenClawReaction
{
    /// <summary>Retry with exponential backoff and jitter (the client already did, within its limits).</summary>
    RetryWithBackoff,

    /// <summary>Back off with jitter and report to the shop's rate budget.</summary>
    BackOffAndReportToBudget,

    /// <summary>Pause this data domain for the shop until the next day (daily quota).</summary>
    PauseUntilNextDay,

    /// <summary>Refresh the access token once and retry once.</summary>
    RefreshTokenAndRetryOnce,

    /// <summary>The seller must authorize the app again.</summary>
    Reauthorize,

    /// <summary>Enable the API scope for the app; the seller must then authorize again.</summary>
    EnableScopeAndReauthorize,

    /// <summary>The token and shop cipher do not belong together: check the shop binding.</summary>
    CheckShopBinding,

    /// <summary>The client's request is wrong (signing, parameters, path): fix the code or configuration, do not retry.</summary>
    FixRequest,

    /// <summary>Add the server's IP to the app's allow list.</summary>
    AllowListIp,

    /// <summary>Mark the shop deactivated and raise an instant alert.</summary>
    MarkShopDeactivated,

    /// <summary>Narrow the search time window and search again.</summary>
    NarrowTimeWindow,

    /// <summary>Skip the item (it does not belong to the shop or is invalid) and record it.</summary>
    SkipAndRecord,
}
