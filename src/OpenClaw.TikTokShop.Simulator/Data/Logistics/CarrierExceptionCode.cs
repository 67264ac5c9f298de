namespace OpenClaw.TikTokShop.Simulator.Data.Logistics;

/// <summary>
/// One carrier exception code as the simulator emits it in a tracking scan, with the category the simulator's truth
/// gives it (docs/simulator.md, "Carrier exception codes").
/// </summary>
/// <param name="Carrier">The carrier name exactly as the order's <c>shipping_provider</c> shows it, e.g. <c>J&amp;T Express</c>.</param>
/// <param name="Code">The carrier's code, e.g. <c>E104</c>.</param>
/// <param name="Text">The carrier's wording after the code.</param>
/// <param name="Category">One of <see cref="CarrierExceptionCodes.Categories"/>, or <c>unclassified</c> for the deliberately novel codes.</param>
public sealed record CarrierExceptionCode(string Carrier, string Code, string Text, string Category)
{
    /// <summary>The raw code as docs/metrics.md keys it: <c>&lt;carrier&gt; &lt;code&gt;</c>, e.g. <c>USPS 9003</c>.</summary>
    public string RawCode => $"{Carrier} {Code}";

    /// <summary>The tracking description: <c>&lt;carrier&gt; &lt;code&gt;: &lt;text&gt;</c>.</summary>
    public string Description => $"{Carrier} {Code}: {Text}";
}
