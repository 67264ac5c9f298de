namespace OpenClaw.Runtime.TestSilo;

/// <summary>Anchor for grain scanning.</summary>
public static class TestGrains;
