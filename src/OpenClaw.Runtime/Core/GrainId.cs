namespace OpenClaw.Runtime;

/// <summary>Identity of one grain: its grain type name (from the class) and its string key.</summary>
/// <param name="Type">Grain type name, e.g. <c>shop</c> for <c>ShopGrain</c> (Orleans' convention).</param>
/// <param name="Key">The primary key string.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Orleans' textual form <c>{type}/{key}</c>.</summary>
    public override string ToString() => Type + "/" + Key;
}
