using OpenClaw.Api.Audit;
using OpenClaw.Api.Errors;
using OpenClaw.Api.Shops;
using OpenClaw.TikTokShop.Auth;

namespace OpenClaw.Api.Model;

/// <summary>What the shop handlers use, bound as one <c>[AsParameters]</c> argument.</summary>
/// <param name="Grains">The Orleans client.</param>
/// <param name="Catalog">Read-model queries.</param>
/// <param name="Calls">Grain calls with failover retries.</param>
/// <param name="Auth">Builds the consent URL.</param>
/// <param name="States">Signs and verifies the OAuth state.</param>
/// <param name="Time">The clock.</param>
/// <param name="Audit">Records every change.</param>
public sealed record ShopApiServices(
    IGrainFactory Grains, ShopCatalog Catalog, GrainCalls Calls, TikTokShopAuthClient Auth, OAuthStateProtector States, TimeProvider Time, AuditLog Audit);
