namespace OpenClaw.TikTokShop.Simulator.Data.Logistics;

/// <summary>
/// The carrier exception codes the simulator emits and the truth category of each. Every classified text carries a
/// keyword of its own category only (docs/metrics.md's catalogue keywords); the novel codes carry none and are
/// <c>unclassified</c> in the truth, so OpenClaw's fallback can be tested. The codes are the simulator's own invention in
/// the carriers' styles, not the carriers' published lists.
/// </summary>
public static class CarrierExceptionCodes
{
    /// <summary>The buyer refused the package.</summary>
    public const string PackageRefused = "package_refused";
    /// <summary>The address is wrong or incomplete.</summary>
    public const string AddressIssue = "address_issue";
    /// <summary>The carrier lost the package.</summary>
    public const string Lost = "lost";
    /// <summary>The package was damaged.</summary>
    public const string Damaged = "damaged";
    /// <summary>The package went back to the sender.</summary>
    public const string ReturnedToSender = "returned_to_sender";
    /// <summary>The package is late.</summary>
    public const string Delayed = "delayed";
    /// <summary>A code no catalogue keyword matches.</summary>
    public const string Unclassified = "unclassified";

    /// <summary>The categories of docs/metrics.md, without <see cref="Unclassified"/>.</summary>
    public static readonly IReadOnlyList<string> Categories = [PackageRefused, AddressIssue, Lost, Damaged, ReturnedToSender, Delayed];

    /// <summary>Every code emitted: one per carrier and category, plus the novel ones.</summary>
    public static readonly IReadOnlyList<CarrierExceptionCode> All =
    [
        new("USPS", "9003", "Package refused", PackageRefused),
        new("USPS", "4101", "Insufficient address", AddressIssue),
        new("USPS", "7702", "Package lost in transit", Lost),
        new("USPS", "5520", "Damaged in handling", Damaged),
        new("USPS", "3140", "Returned to sender", ReturnedToSender),
        new("USPS", "2207", "Delayed in transit", Delayed),
        new("USPS", "0847", "Notice left, no authorised recipient", Unclassified),
        new("J&T Express", "E101", "Recipient rejected the parcel", PackageRefused),
        new("J&T Express", "E104", "Address incomplete", AddressIssue),
        new("J&T Express", "E207", "Parcel missing after sorting", Lost),
        new("J&T Express", "E310", "Parcel damaged", Damaged),
        new("J&T Express", "E405", "RTS initiated", ReturnedToSender),
        new("J&T Express", "E502", "Held at hub", Delayed),
        new("Ninja Van", "NV-13", "Consignee refused delivery", PackageRefused),
        new("Ninja Van", "NV-17", "Unable to locate address", AddressIssue),
        new("Ninja Van", "NV-21", "Parcel damaged", Damaged),
        new("Ninja Van", "NV-33", "Parcel lost", Lost),
        new("Ninja Van", "NV-41", "Returned to sender", ReturnedToSender),
        new("Ninja Van", "NV-52", "Delivery delayed by weather", Delayed),
        new("Ninja Van", "NV-99", "Consignee premises closed", Unclassified),
        new("Flash Express", "FE-301", "Receiver rejected parcel", PackageRefused),
        new("Flash Express", "FE-302", "Wrong address", AddressIssue),
        new("Flash Express", "FE-404", "Parcel missing", Lost),
        new("Flash Express", "FE-505", "Broken parcel", Damaged),
        new("Flash Express", "FE-606", "Returned to sender", ReturnedToSender),
        new("Flash Express", "FE-707", "Late linehaul arrival", Delayed),
        new("Flash Express", "FE-888", "Receiver requested a new slot", Unclassified),
        new("Royal Mail", "RM12", "Item refused by recipient", PackageRefused),
        new("Royal Mail", "RM18", "Incorrect address", AddressIssue),
        new("Royal Mail", "RM30", "Item lost", Lost),
        new("Royal Mail", "RM33", "Item damaged in transit", Damaged),
        new("Royal Mail", "RM40", "Returned to sender", ReturnedToSender),
        new("Royal Mail", "RM45", "Delayed in network", Delayed),
        new("Kerry Express", "KE-R1", "Consignee rejected shipment", PackageRefused),
        new("Kerry Express", "KE-A2", "Address not found", AddressIssue),
        new("Kerry Express", "KE-L3", "Shipment missing", Lost),
        new("Kerry Express", "KE-D4", "Shipment broken", Damaged),
        new("Kerry Express", "KE-B5", "RTS to origin", ReturnedToSender),
        new("Kerry Express", "KE-H6", "Held at depot", Delayed),
    ];

    /// <summary>The code <paramref name="carrier"/> uses for <paramref name="category"/>.</summary>
    /// <exception cref="InvalidOperationException">The carrier has no code for that category.</exception>
    public static CarrierExceptionCode Of(string carrier, string category) =>
        All.FirstOrDefault(c => c.Carrier == carrier && c.Category == category)
        ?? throw new InvalidOperationException($"no {category} code for carrier {carrier}");

    /// <summary>
    /// An exception on the way to a package that is still delivered a day late: address 30 %, delayed 35 %, damaged 20 %,
    /// and 15 % a novel code (delayed for a carrier without one).
    /// </summary>
    public static CarrierExceptionCode EnRoute(ref DeterministicRandom random, string carrier)
    {
        var roll = random.NextDouble();
        var category = roll < 0.3 ? AddressIssue : roll < 0.65 ? Delayed : roll < 0.85 ? Damaged : Unclassified;
        return category == Unclassified && All.FirstOrDefault(c => c.Carrier == carrier && c.Category == Unclassified) is { } novel
            ? novel
            : Of(carrier, category == Unclassified ? Delayed : category);
    }

    /// <summary>The last scan of a package that never arrives: lost 60 %, returned to sender 40 %.</summary>
    public static CarrierExceptionCode NeverArrived(ref DeterministicRandom random, string carrier) =>
        Of(carrier, random.Chance(0.6) ? Lost : ReturnedToSender);
}
