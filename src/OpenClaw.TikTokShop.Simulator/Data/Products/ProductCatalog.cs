using System.Globalization;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Data.Products;

/// <summary>
/// Generates a shop's products from (seed, shop index, ordinal). Products are created evenly from 60 days before the
/// history window up to the world's anchor (<see cref="SimulatorSettings.WorldAnchor"/>); their audits and later violations play out over simulated time.
/// </summary>
public sealed class ProductCatalog
{
    /// <summary>The categories products are drawn from.</summary>
    public static readonly IReadOnlyList<Category> Categories =
    [
        new("601226", "Phone Cases", "601152", "Phones & Electronics", "Phone Case"),
        new("601450", "Lipsticks", "601400", "Beauty & Personal Care", "Lipstick"),
        new("601739", "T-Shirts", "601700", "Womenswear", "T-Shirt"),
        new("602118", "Cookware Sets", "602100", "Home Supplies", "Pan Set"),
        new("602540", "Dog Toys", "602500", "Pet Supplies", "Chew Toy"),
        new("603015", "Yoga Mats", "603000", "Sports & Outdoor", "Yoga Mat"),
        new("603311", "Building Blocks", "603300", "Toys & Hobbies", "Block Set"),
        new("603880", "Supplements", "603800", "Health", "Vitamin Pack"),
    ];

    private static readonly string[] Adjectives = ["Classic", "Premium", "Eco", "Compact", "Deluxe", "Soft", "Pro", "Mini", "Bold", "Everyday"];

    private static readonly AuditFailure[] Failures =
    [
        new("product_images", ["Image contains a watermark"], ["Upload images without watermarks or logos"]),
        new("title", ["Title contains prohibited words"], ["Remove exaggerated claims such as 'best' or 'No.1'"]),
        new("description", ["Medical claims are not allowed"], ["Remove health-benefit claims"]),
        new("category", ["Product listed in the wrong category"], ["Choose the leaf category that matches the product"]),
    ];

    private static readonly string[] SuspendedReasons = ["Counterfeit suspicion", "Prohibited product", "Misleading listing", "Intellectual property complaint"];

    private readonly SimulatorSettings _settings;
    private readonly ShopDirectory _shops;
    private readonly BoundedCache<int, IReadOnlyList<ProductPlan>> _cache = new(512);
    private readonly long _firstCreate;
    private readonly long _spacing;

    private readonly ProductIncidents _incidents;

    /// <summary>Creates the catalogue; <paramref name="incidents"/> holds admin-injected status changes (none when null).</summary>
    public ProductCatalog(IOptions<SimulatorSettings> settings, ShopDirectory shops, ProductIncidents? incidents = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Value;
        _shops = shops;
        _incidents = incidents ?? new ProductIncidents();
        var start = _settings.WorldAnchor.ToUnixTimeSeconds();
        _firstCreate = start - (60L + _settings.HistoryDays) * 86_400;
        _spacing = Math.Max(1, (start - _firstCreate) / _settings.ProductsPerShop);
    }

    /// <summary>A shop's products, ordered by ordinal (= creation time).</summary>
    public IReadOnlyList<ProductPlan> For(Shop shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var plans = _cache.GetOrAdd(shop.Index, _ => Enumerable.Range(0, _settings.ProductsPerShop).Select(k => Build(shop, k)).ToList());
        return _incidents.IsEmpty ? plans : [.. plans.Select(_incidents.Apply)];
    }

    /// <summary>How many products exist at <paramref name="at"/> (products are created in ordinal order).</summary>
    public int CountCreatedBy(long at) => (int)Math.Clamp((at - _firstCreate) / _spacing + 1, 0, _settings.ProductsPerShop);

    /// <summary>Finds a product by id within a shop.</summary>
    public ProductPlan? Find(Shop shop, string id)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(id);
        var prefix = ProductIdPrefix(shop);
        if (!id.StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            || ordinal >= _settings.ProductsPerShop)
        {
            return null;
        }

        return For(shop)[ordinal];
    }

    private static string ProductIdPrefix(Shop shop) => string.Create(CultureInfo.InvariantCulture, $"17{shop.Index:D8}");

    private ProductPlan Build(Shop shop, int k)
    {
        var random = new DeterministicRandom(_settings.Seed, 2, shop.Index, k);
        var category = random.Pick(Categories);
        var created = _firstCreate + k * _spacing + random.Next(0, _spacing);
        var id = ProductIdPrefix(shop) + k.ToString("D8", CultureInfo.InvariantCulture);
        var usd = 5m + random.Next(0, 7500) / 100m;
        var skuCount = (int)random.Next(1, 4);
        var skus = new List<SkuPlan>();
        for (var s = 0; s < skuCount; s++)
        {
            var price = shop.Region.Round(usd * shop.Region.UnitsPerUsd * (1 + s * 0.1m));
            var stock = shop.SalesWarehouses.Select(w => (w.Id, (int)random.Next(0, 500))).ToList();
            skus.Add(new SkuPlan(
                string.Create(CultureInfo.InvariantCulture, $"18{shop.Index:D8}{k:D6}{s:D2}"),
                string.Create(CultureInfo.InvariantCulture, $"SKU-{k}-{s}"),
                price,
                shop.Region.Round(price * 1.25m),
                stock));
        }

        var events = new List<ProductEvent> { new(created, "PENDING", "AUDITING", null, null) };
        var failures = new List<AuditFailure>();
        var reviewed = created + random.Next(3600, 86_400);
        if (random.Chance(0.12))
        {
            failures.Add(random.Pick(Failures));
            events.Add(new(reviewed, "FAILED", "FAILED", "PRODUCT_AUDIT_FAILURE", null));
            if (!random.Chance(0.6))
            {
                return new ProductPlan(shop.Index, k, id, Title(random, category), category, created, skus, events, failures);
            }

            var resubmitted = reviewed + random.Next(86_400, 5 * 86_400);
            events.Add(new(resubmitted, "PENDING", "AUDITING", null, null));
            reviewed = resubmitted + random.Next(3600, 86_400);
        }

        events.Add(new(reviewed, "ACTIVATE", "APPROVED", "PRODUCT_FIRST_PASS_REVIEW", null));
        var fate = random.NextDouble();
        var later = reviewed + random.Next(86_400, 60 * 86_400);
        if (fate < 0.03)
        {
            events.Add(new(later, "PLATFORM_DEACTIVATED", "APPROVED", "PRODUCT_STATUS_CHANGED", random.Pick(SuspendedReasons)));
        }
        else if (fate < 0.05)
        {
            events.Add(new(later, "FREEZE", "APPROVED", "PRODUCT_STATUS_CHANGED", random.Pick(SuspendedReasons)));
        }
        else if (fate < 0.09)
        {
            events.Add(new(later, "SELLER_DEACTIVATED", "APPROVED", "PRODUCT_STATUS_CHANGED", null));
        }

        return new ProductPlan(shop.Index, k, id, Title(random, category), category, created, skus, events, failures);
    }

    private static string Title(DeterministicRandom random, Category category) =>
        $"{random.Pick(Adjectives)} {category.Noun}";
}
