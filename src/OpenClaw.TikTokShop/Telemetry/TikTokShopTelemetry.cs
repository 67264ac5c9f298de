using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpenClaw.TikTokShop.Telemetry;

/// <summary>The client's activity source, meter and attribute names (ARCHITECTURE §6).</summary>
public static class TikTokShopTelemetry
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string Name = "OpenClaw.TikTokShop";

    /// <summary>Span attribute names.</summary>
    public static class Attributes
    {
        /// <summary>Shop id.</summary>
        public const string ShopId = "tiktok.shop_id";
        /// <summary>Path template.</summary>
        public const string ApiPath = "tiktok.api.path";
        /// <summary>Envelope code.</summary>
        public const string ResponseCode = "tiktok.response.code";
        /// <summary>TikTok request id.</summary>
        public const string RequestId = "tiktok.request_id";
        /// <summary>HTTP status of the last attempt.</summary>
        public const string HttpStatus = "http.response.status_code";
        /// <summary>Retries made.</summary>
        public const string RetryCount = "openclaw.retry.count";
        /// <summary>Time spent waiting for the rate budget.</summary>
        public const string RateLimitWaitMs = "openclaw.ratelimit.wait_ms";
        /// <summary>Catalogue key of the error.</summary>
        public const string ErrorType = "error.type";
    }

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("openclaw.tiktok.calls", description: "Logical TikTok Shop API calls.");

    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>("openclaw.tiktok.errors", description: "Failed logical calls by error key.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("openclaw.tiktok.retries", description: "HTTP attempts retried.");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "openclaw.tiktok.call.duration", unit: "s", description: "Duration of logical calls including retries and budget waits.");
}
