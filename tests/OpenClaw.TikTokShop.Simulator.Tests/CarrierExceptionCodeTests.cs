using System.Text.RegularExpressions;
using OpenClaw.TikTokShop.Simulator.Data.Logistics;
using OpenClaw.TikTokShop.Simulator.Data.Orders;

namespace OpenClaw.TikTokShop.Simulator.Tests;

/// <summary>The exception code table OpenClaw's catalogue is written against (docs/simulator.md) must be unambiguous.</summary>
public sealed class CarrierExceptionCodeTests
{
    // docs/metrics.md's catalogue keywords per category.
    private static readonly Dictionary<string, string[]> Keywords = new(StringComparer.Ordinal)
    {
        [CarrierExceptionCodes.PackageRefused] = ["refused", "rejected"],
        [CarrierExceptionCodes.AddressIssue] = ["address", "addressee"],
        [CarrierExceptionCodes.Lost] = ["lost", "missing"],
        [CarrierExceptionCodes.Damaged] = ["damaged", "broken"],
        [CarrierExceptionCodes.ReturnedToSender] = ["returned to sender", "rts"],
        [CarrierExceptionCodes.Delayed] = ["delay", "delayed", "held", "late"],
    };

    [Fact]
    public void ExceptionCodes_EveryCarrier_HasOneCodePerCategoryAndUniqueRawCodes()
    {
        foreach (var carrier in OrderDetailPlanner.Carriers)
        {
            Assert.All(CarrierExceptionCodes.Categories, c => Assert.Single(CarrierExceptionCodes.All, x => x.Carrier == carrier && x.Category == c));
        }

        Assert.Equal(CarrierExceptionCodes.All.Count, CarrierExceptionCodes.All.Select(c => c.RawCode).Distinct().Count());
        Assert.True(CarrierExceptionCodes.All.Count(c => c.Category == CarrierExceptionCodes.Unclassified) >= 2);
        Assert.All(CarrierExceptionCodes.All, c => Assert.Matches("^.+ [A-Z0-9][A-Z0-9-]*: .+$", c.Description));
    }

    [Fact]
    public void ExceptionCodes_Texts_CarryOnlyTheirOwnCategorysKeywordsAndNovelOnesNone()
    {
        foreach (var code in CarrierExceptionCodes.All)
        {
            var matched = Keywords.Where(k => k.Value.Any(word => Regex.IsMatch(code.Text, $@"\b{word}\b", RegexOptions.IgnoreCase))).Select(k => k.Key).ToList();
            var anywhere = Keywords.Where(k => k.Value.Any(word => code.Text.Contains(word, StringComparison.OrdinalIgnoreCase))).Select(k => k.Key).ToList();
            if (code.Category == CarrierExceptionCodes.Unclassified)
            {
                Assert.True(anywhere.Count == 0, $"{code.Description} contains a keyword of {string.Join(", ", anywhere)}");
            }
            else
            {
                Assert.Equal([code.Category], matched);
                Assert.Equal([code.Category], anywhere);
            }
        }
    }
}
