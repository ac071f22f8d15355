namespace Mcp.Engine.Scheduling;

/// <summary>
/// The instants behind one wall-clock time of a zone.
/// <list type="bullet">
/// <item><see cref="LocalTimeKind.Unique"/>: <see cref="Offset"/> is the offset in force.</item>
/// <item><see cref="LocalTimeKind.Gap"/>: <see cref="Offset"/> is the offset before the jump,
/// <see cref="LaterOffset"/> the offset after it and <see cref="TransitionUtc"/> the instant of
/// the jump, which is also the first instant after the gap.</item>
/// <item><see cref="LocalTimeKind.Overlap"/>: <see cref="Offset"/> is the offset of the first
/// pass (the earlier instant, normally daylight time), <see cref="LaterOffset"/> the offset of the
/// second pass, and <see cref="TransitionUtc"/> the instant the clocks went back.</item>
/// </list>
/// </summary>
internal readonly record struct LocalTimeMapping(
    LocalTimeKind Kind,
    TimeSpan Offset,
    TimeSpan LaterOffset,
    DateTime TransitionUtc)
{
    public static LocalTimeMapping Unique(TimeSpan offset) =>
        new(LocalTimeKind.Unique, offset, offset, default);

    /// <summary>For a gap: the first valid instant after it, with the offset then in force.</summary>
    public DateTimeOffset GapEnd => new(DateTime.SpecifyKind(TransitionUtc + LaterOffset, DateTimeKind.Unspecified), LaterOffset);

    /// <summary>For an overlap: the wall time at which the repeated period ends (exclusive).</summary>
    public DateTime OverlapEndLocal => DateTime.SpecifyKind(TransitionUtc + Offset, DateTimeKind.Unspecified);

    /// <summary>For an overlap: the wall time at which the repeated period starts (inclusive).</summary>
    public DateTime OverlapStartLocal => DateTime.SpecifyKind(TransitionUtc + LaterOffset, DateTimeKind.Unspecified);
}
