namespace OpenClaw.TikTokShop.Seller;

/// <summary>A shop the seller authorized this app for; <see cref="Cipher"/> goes on shop-scoped calls.</summary>
public sealed record AuthorizedShop(string Id, string Name, string Region, string SellerType, string Cipher, string? Code = null);

/// <summary><c>data</c> of the authorized-shops list.</summary>
public sealed record AuthorizedShopsData(IReadOnlyList<AuthorizedShop>? Shops = null);

/// <summary>An active shop of the seller.</summary>
public sealed record ActiveShop(string Id, string Region);

/// <summary><c>data</c> of the active-shops list.</summary>
public sealed record ActiveShopsData(IReadOnlyList<ActiveShop>? Shops = null);

/// <summary><c>data</c> of the seller permissions call (shape unconfirmed: a list of permission names).</summary>
public sealed record SellerPermissionsData(IReadOnlyList<string>? Permissions = null);
