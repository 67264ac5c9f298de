using Microsoft.AspNetCore.DataProtection;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Tokens;
using OpenClaw.TikTokShop;

namespace OpenClaw.Grains.Shops;

/// <summary>The singletons a shop grain works with, bundled so the grain's constructor stays readable.</summary>
/// <param name="Client">The TikTok client (budgeted, traced, resilient).</param>
/// <param name="Refresher">Exchanges refresh tokens.</param>
/// <param name="DataProtection">Encrypts tokens at rest (key ring in Redis).</param>
/// <param name="Store">Entity upserts.</param>
/// <param name="ReadModel">The shop summary read model.</param>
/// <param name="RealTime">The real clock (failure backoff); the TikTok clock is the grain's own.</param>
/// <param name="Pacer">The silo's polling plan (quota-aware intervals).</param>
/// <param name="Budget">The cluster-wide rate budget (usage and forecast for the report).</param>
/// <param name="OpsErrors">Records the shop's failed TikTok calls.</param>
/// <param name="Metrics">The shop's day buckets (recomputed after every upserted page).</param>
/// <param name="Tracking">Tracking still to fetch per shop (final packages).</param>
public sealed record ShopServices(
    TikTokShopClient Client, ITokenRefresher Refresher, IDataProtectionProvider DataProtection, EntityStore Store, ShopReadModel ReadModel,
    TimeProvider RealTime, Sync.SyncPacer Pacer, Budget.RateBudget Budget,
    OpsErrors.OpsErrorBook OpsErrors, Metrics.Storage.MetricBook Metrics, Sync.Tracking.TrackingBacklog Tracking);
