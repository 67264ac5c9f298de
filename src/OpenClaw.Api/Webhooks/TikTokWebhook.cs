using System.Globalization;
using System.Text.Json;
using OpenClaw.Api.Shops;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Api.Webhooks;

/// <summary>A verified TikTok webhook reduced to what OpenClaw acts on (never the buyer data some types carry).</summary>
/// <param name="NotificationId"><c>tts_notification_id</c>: the deduplication key.</param>
/// <param name="ShopId">The shop it is about.</param>
/// <param name="Type">TikTok's type number (contract §6).</param>
/// <param name="Actions">What the shop grain is told, in order; empty when OpenClaw ignores the type.</param>
public sealed record TikTokWebhook(string NotificationId, string ShopId, int Type, IReadOnlyList<ShopWebhook> Actions)
{
    /// <summary>The types the shop grain acts on: 1 order, 4 package, 5 product, 6 deauthorization, 7 authorization expiry, 11 cancellation, 12 return, 37 product audit.</summary>
    public static readonly IReadOnlySet<int> HandledTypes = new HashSet<int> { 1, 4, 5, 6, 7, 11, 12, 37 };

    /// <summary>
    /// The bulk of TikTok's traffic, one event per order or package change: 1 order status, 4 package update. Every
    /// other handled type (product status and audit, deauthorization, authorization expiry, cancellation, return) is
    /// rare and can raise an alert, so the inbox hands it off ahead of a backlog of these (<see cref="WebhookInbox"/>).
    /// </summary>
    public static readonly IReadOnlySet<int> BulkTypes = new HashSet<int> { 1, 4 };

    /// <summary>Whether the inbox hands this event off ahead of queued order and package updates.</summary>
    public bool IsUrgent => !BulkTypes.Contains(Type);

    /// <summary>Most order ids taken from one package webhook (type 4).</summary>
    public const int MaxPackageOrders = 50;

    /// <summary>
    /// Reads <c>{type, tts_notification_id, shop_id, timestamp, data}</c> defensively: null with a reason when the
    /// envelope is not JSON or lacks a usable type, id or shop. Unknown types and handled types without the id they
    /// need parse to a webhook without actions. The order webhook's status (<c>CANCEL</c> or <c>CANCELLED</c>) is not
    /// interpreted: the targeted fetch reads the order from the API.
    /// </summary>
    public static TikTokWebhook? Parse(ReadOnlySpan<byte> body, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the body is not a JSON object";
                return null;
            }

            if (!root.TryGetProperty("type", out var typeElement) || !typeElement.TryGetInt32(out var type))
            {
                error = "type must be an integer";
                return null;
            }

            var id = Text(root, "tts_notification_id");
            if (id is null || !ShopIds.IsValid(id))
            {
                error = "tts_notification_id must be 1–64 letters, digits, '-' or '_'";
                return null;
            }

            var shopId = Text(root, "shop_id");
            if (!ShopIds.IsValid(shopId))
            {
                error = "shop_id is missing or not a shop id";
                return null;
            }

            error = null;
            var data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            return new TikTokWebhook(id, shopId!, type, HandledTypes.Contains(type) ? ActionsFor(id, type, data) : []);
        }
        catch (JsonException ex)
        {
            error = "the body is not valid JSON: " + ex.Message;
            return null;
        }
    }

    private static List<ShopWebhook> ActionsFor(string id, int type, JsonElement data)
    {
        var orderId = Id(data, "order_id");
        var productId = Id(data, "product_id");
        return type switch
        {
            6 => [new ShopWebhook(id, 6)],
            7 when ExpiresAt(data) is { } expiresAt => [new ShopWebhook(id, 7, ExpiresAt: expiresAt)],
            1 or 11 when orderId is not null => [new ShopWebhook(id, type, OrderId: orderId)],
            12 when orderId is not null => [new ShopWebhook(id, 12, OrderId: orderId, ReturnId: Id(data, "return_id"))],
            5 or 37 when productId is not null => [new ShopWebhook(id, type, ProductId: productId)],
            4 => [.. PackageOrders(data).Select(order => new ShopWebhook(id, 4, OrderId: order))],
            _ => [],
        };
    }

    // package_list[].order_id_list[]: one targeted order fetch per distinct order.
    private static IEnumerable<string> PackageOrders(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("package_list", out var packages) || packages.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return packages.EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("order_id_list", out var l) && l.ValueKind == JsonValueKind.Array)
            .SelectMany(p => p.GetProperty("order_id_list").EnumerateArray())
            .Select(AsId).OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxPackageOrders);
    }

    // expiration_time is a string of Unix seconds (contract §6); a number is accepted too.
    private static DateTimeOffset? ExpiresAt(JsonElement data)
    {
        var text = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("expiration_time", out var e) ? AsId(e) : null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253402300800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    private static string? Id(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) ? AsId(value) : null;

    // Ids are strings in TikTok's payloads; a number is accepted, anything else is treated as absent.
    private static string? AsId(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number when value.TryGetInt64(out var n) && n >= 0 => n.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        return ShopIds.IsValid(text) ? text : null;
    }

    private static string? Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? AsId(value) : null;
}
