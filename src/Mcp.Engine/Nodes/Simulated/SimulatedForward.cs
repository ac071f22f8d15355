namespace Mcp.Engine.Nodes.Simulated;

/// <summary>A forward out of a simulated channel, stored compactly (12 bytes); a failed one has a fee of -1.</summary>
internal readonly record struct SimulatedForward(uint AtOffsetSeconds, int AmountSat, int FeeMsat)
{
    public bool Success => FeeMsat >= 0;
}
