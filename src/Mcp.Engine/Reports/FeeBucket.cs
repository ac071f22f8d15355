namespace Mcp.Engine.Reports;

/// <summary>Channels whose fee rate lies in [<see cref="MinPpm"/>, <see cref="MaxPpm"/>] (no upper bound when null).</summary>
internal sealed record FeeBucket(string Label, long MinPpm, long? MaxPpm, int Channels, long CapacitySat);
