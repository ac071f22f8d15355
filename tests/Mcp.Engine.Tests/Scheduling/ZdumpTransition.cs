namespace Mcp.Engine.Tests.Scheduling;

/// <summary>One offset change of a zone as tzdata lists it (through zdump).</summary>
public sealed record ZdumpTransition(string Zone, DateTime InstantUtc, TimeSpan OffsetBefore, TimeSpan OffsetAfter)
{
    public override string ToString() =>
        $"{Zone} at {InstantUtc:yyyy-MM-dd HH:mm:ss}Z: {OffsetBefore} -> {OffsetAfter}";
}
