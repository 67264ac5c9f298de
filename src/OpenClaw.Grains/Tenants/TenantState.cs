namespace OpenClaw.Grains.Tenants;

/// <summary>A tenant's persisted state (storage name <c>tenant</c>): the shops it onboarded.</summary>
[GenerateSerializer, Alias("OpenClaw.TenantState")]
public sealed class TenantState
{
    /// <summary>Ids of the tenant's shops, sorted ordinal.</summary>
    [Id(0)] public SortedSet<string> ShopIds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the first shop was onboarded (UTC).</summary>
    [Id(1)] public DateTimeOffset? CreatedAt { get; set; }
}
