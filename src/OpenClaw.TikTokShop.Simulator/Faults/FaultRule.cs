namespace OpenClaw.TikTokShop.Simulator.Faults;

/// <summary>One fault injection rule as posted to <c>/_sim/faults</c> (snake_case JSON).</summary>
public sealed record FaultRule
{
    /// <summary>Assigned by the simulator.</summary>
    public string? Id { get; init; }

    /// <summary>error | http_status | latency | stall | malformed_json | truncated_body | wrong_types | duplicate_page | out_of_order_page | rate_limit.</summary>
    public string Kind { get; init; } = "";

    /// <summary>For <c>error</c>: the contract code, answered with that code's HTTP status.</summary>
    public int? Code { get; init; }

    /// <summary>For <c>http_status</c>: the bare HTTP status (no envelope).</summary>
    public int? Status { get; init; }

    /// <summary>For <c>latency</c> and <c>stall</c>: how long to hold the request.</summary>
    public int? DelayMs { get; init; }

    /// <summary>For <c>rate_limit</c>: a Retry-After header value.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Chance that a matching request is affected.</summary>
    public double Probability { get; init; } = 1.0;

    /// <summary>Affect only the next N matching requests, then expire.</summary>
    public int? Count { get; init; }

    /// <summary>Only requests whose path starts with this.</summary>
    public string? PathPrefix { get; init; }

    /// <summary>Only requests for this shop (by its shop_cipher).</summary>
    public string? ShopId { get; init; }

    /// <summary>The fault kinds the simulator implements.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "error", "http_status", "latency", "stall", "malformed_json", "truncated_body", "wrong_types", "duplicate_page", "out_of_order_page", "rate_limit",
    };

    /// <summary>Why the rule cannot be used, or null when it is valid.</summary>
    public string? Problem() => Kind switch
    {
        _ when !Kinds.Contains(Kind) => $"kind must be one of {string.Join(", ", Kinds)}",
        "error" when Code is null => "error needs code",
        "http_status" when Status is not (>= 400 and <= 599) => "http_status needs status 400-599",
        "latency" or "stall" when DelayMs is not > 0 => $"{Kind} needs delay_ms > 0",
        _ when Probability is < 0 or > 1 => "probability must be between 0 and 1",
        _ when Count is <= 0 => "count must be positive",
        _ => null,
    };
}
