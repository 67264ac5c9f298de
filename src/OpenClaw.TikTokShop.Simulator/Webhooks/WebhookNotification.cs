using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Data;

namespace OpenClaw.TikTokShop.Simulator.Webhooks;

/// <summary>A webhook ready to send: the exact body bytes (signed once) and where it goes.</summary>
public sealed record WebhookNotification(string NotificationId, string ShopId, int Type, byte[] Body, string Address, int Attempt)
{
    /// <summary>Builds the contract §6 payload <c>{type, tts_notification_id, shop_id, timestamp, data}</c>.</summary>
    public static WebhookNotification Create(Shop shop, int type, object data, long timestamp, string address)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var body = JsonSerializer.SerializeToUtf8Bytes(new { Type = type, TtsNotificationId = id, ShopId = shop.Id, Timestamp = timestamp, Data = data }, Envelope.Json);
        return new WebhookNotification(id, shop.Id, type, body, address, Attempt: 1);
    }

    /// <summary>The <c>Authorization</c> header: lower-case hex HMAC-SHA256(app_secret, app_key + raw body).</summary>
    public string Signature(string appKey, string appSecret)
    {
        var key = Encoding.UTF8.GetBytes(appKey);
        var input = new byte[key.Length + Body.Length];
        key.CopyTo(input, 0);
        Body.CopyTo(input, key.Length);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), input));
    }
}
