namespace OpenClaw.TikTokShop.Simulator.Api;

/// <summary>A group of TikTok API operations (one capability) the gateway serves.</summary>
public interface IApiEndpoints
{
    /// <summary>The operations of this group.</summary>
    IEnumerable<ApiRoute> Routes { get; }
}
