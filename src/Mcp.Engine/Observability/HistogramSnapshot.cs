namespace Mcp.Engine.Observability;

/// <summary>
/// A histogram's state at one instant. <see cref="CumulativeCounts"/> has one entry per finite
/// bound followed by the <c>+Inf</c> entry, which equals <see cref="Count"/>.
/// </summary>
internal sealed record HistogramSnapshot(IReadOnlyList<double> Bounds, IReadOnlyList<long> CumulativeCounts, double Sum, long Count);
