namespace Mcp.Engine.Reports;

/// <summary>
/// What shadow mode would have changed over the last <see cref="WindowDays"/> days, and how the
/// channels forwarded before and after each proposal with the fee left unchanged: the evidence an
/// operator weighs before turning live mode on.
/// </summary>
internal sealed record ShadowEvidenceSection
{
    public required int WindowDays { get; init; }

    /// <summary>Channels with a shadow fee proposal in the window (one entry per channel and direction).</summary>
    public required IReadOnlyList<ShadowEvidence> Proposals { get; init; }

    /// <summary>Entries left out of <see cref="Proposals"/> (it is bounded).</summary>
    public required int ProposalsOmitted { get; init; }
}
