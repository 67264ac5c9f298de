namespace OpenClaw.Runtime.Tests.Support;

/// <summary>
/// Multi-silo tests measure failover times on a 2-core machine; they run one after another so one test's load
/// (1,000 concurrent callers) does not stretch another's timing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiSiloGroup
{
    public const string Name = "Multi-silo";
}
