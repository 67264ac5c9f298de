namespace OpenClaw.Grains.Shops;

/// <summary>
/// One connected TikTok shop, keyed by its TikTok shop id (ARCHITECTURE §3, §5). The grain is the only writer of
/// its shop's data; every method is a turn of a non-reentrant grain, so writes to one shop never interleave.
/// </summary>
public interface IShopGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the shop for a tenant (or updates its registration) and marks it active; a reminder keeps it
    /// scheduled across deactivations and whole-cluster restarts.
    /// </summary>
    /// <exception cref="ArgumentException">The registration is invalid (empty tenant, unknown region).</exception>
    /// <exception cref="InvalidOperationException">The shop already belongs to another tenant.</exception>
    Task<ShopSnapshot> ConnectAsync(ShopRegistration registration);

    /// <summary>Replaces the shop's operator settings; every accepted change increments <see cref="ShopSnapshot.Revision"/>.</summary>
    /// <exception cref="ArgumentException">The time zone is not an IANA id, or a tag is empty or longer than 64 characters.</exception>
    /// <exception cref="InvalidOperationException">The shop is not connected.</exception>
    Task<ShopSnapshot> UpdateSettingsAsync(ShopSettings settings);

    /// <summary>The shop as stored, or a snapshot with <see cref="ShopStatus.NotConnected"/> for an unknown id.</summary>
    Task<ShopSnapshot> GetAsync();

    /// <summary>Marks the shop disconnected and removes its reminder; its stored settings stay readable.</summary>
    Task<ShopSnapshot> DisconnectAsync();
}
