using System.Globalization;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Data;

/// <summary>
/// The shops of one seed. Shop profiles are tiny, so all of them are built at start-up; their orders and products
/// are generated lazily.
/// </summary>
public sealed class ShopDirectory
{
    private static readonly string[] Adjectives = ["Sunny", "Urban", "Lotus", "Coral", "Maple", "Golden", "Nimbus", "Velvet", "Harbor", "Jade"];
    private static readonly string[] Nouns = ["Home", "Beauty", "Gadgets", "Outfitters", "Kitchen", "Pets", "Sports", "Kids", "Studio", "Market"];
    private static readonly string[] Cities = ["Central", "North", "East", "West", "South"];

    private readonly Dictionary<string, Shop> _byId;
    private readonly Dictionary<string, Shop> _byCipher;

    /// <summary>Builds the shops for the configured seed and count.</summary>
    public ShopDirectory(IOptions<SimulatorSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var seed = settings.Value.Seed;
        var spread = settings.Value.ActivitySpread;
        All = Enumerable.Range(0, settings.Value.ShopCount).Select(i => Build(seed, i, spread)).ToList();
        _byId = All.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _byCipher = All.ToDictionary(s => s.Cipher, StringComparer.Ordinal);
    }

    /// <summary>Every shop, by index.</summary>
    public IReadOnlyList<Shop> All { get; }

    /// <summary>The shop with an id, or null.</summary>
    public Shop? ById(string? id) => id is not null && _byId.TryGetValue(id, out var shop) ? shop : null;

    /// <summary>The shop with a cipher, or null.</summary>
    public Shop? ByCipher(string? cipher) => cipher is not null && _byCipher.TryGetValue(cipher, out var shop) ? shop : null;

    private static Shop Build(int seed, int index, ActivitySpread spread)
    {
        var random = new DeterministicRandom(seed, 1, index);
        var region = random.Pick(Region.All);
        var seedPart = (uint)seed % 1_000_000;
        var id = string.Create(CultureInfo.InvariantCulture, $"7495{seedPart:D6}{index:D8}");
        var cipherBits = new byte[15];
        for (var i = 0; i < cipherBits.Length; i++)
        {
            cipherBits[i] = (byte)random.Next(0, 256);
        }

        // US ciphers start with TTP_, the rest of the world with ROW_ (as observed on real shops).
        var cipher = (region.Code == "US" ? "TTP_" : "ROW_") + Convert.ToBase64String(cipherBits).Replace('+', 'A').Replace('/', 'B');
        var name = $"{random.Pick(Adjectives)} {random.Pick(Nouns)} {region.Code} {index}";
        var sellerType = region.Code is "US" || random.Chance(0.6) ? "LOCAL" : "CROSS_BORDER";
        var salesCount = (int)random.Next(1, 4);
        var warehouses = new List<Warehouse>();
        for (var w = 0; w <= salesCount; w++)
        {
            var isReturn = w == salesCount;
            warehouses.Add(new Warehouse(
                string.Create(CultureInfo.InvariantCulture, $"72{index:D8}{w:D2}{seedPart % 10_000:D4}00"),
                isReturn ? $"{region.Code} returns" : $"{region.Code} {Cities[w % Cities.Length]} warehouse",
                isReturn ? "RETURN_WAREHOUSE" : "SALES_WAREHOUSE",
                IsDefault: w == 0 || isReturn,
                region.Code,
                Cities[w % Cities.Length]));
        }

        return new Shop(index, id, name, string.Create(CultureInfo.InvariantCulture, $"{region.Code}LC{index:D6}"), region, sellerType, cipher,
            Activity: ShopActivity.Factor(spread, seed, index, random.NextDouble()), warehouses);
    }
}
