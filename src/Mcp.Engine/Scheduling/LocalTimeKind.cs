namespace Mcp.Engine.Scheduling;

/// <summary>How a wall-clock time of a zone maps to instants.</summary>
internal enum LocalTimeKind
{
    /// <summary>Exactly one instant shows this wall time.</summary>
    Unique,

    /// <summary>No instant shows it: the clocks jumped over it (spring forward).</summary>
    Gap,

    /// <summary>Two instants show it: the clocks went back over it (fall back).</summary>
    Overlap,
}
