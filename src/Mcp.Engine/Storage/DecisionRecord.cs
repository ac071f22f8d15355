using Mcp.Engine.Decisions;

namespace Mcp.Engine.Storage;

/// <summary>
/// One channel's decision of one round, as stored in the audit trail. The engine's explanation is
/// kept as an opaque JSON document (storage does not depend on the engine's model); the columns
/// beside it are the ones queries filter on.
/// </summary>
internal sealed record DecisionRecord
{
    /// <summary>Assigned by the caller, so a policy-change intent can point at it before it is stored.</summary>
    public required Guid Id { get; init; }

    public required string NodeId { get; init; }

    public required string ChannelId { get; init; }

    /// <summary>Groups the decisions of one round of one node; optional.</summary>
    public Guid? RoundId { get; init; }

    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>The engine's action name (for example <c>raise_fee</c>, <c>none</c>).</summary>
    public required string Action { get; init; }

    /// <summary>The safety rule that blocked the action, if any.</summary>
    public string? BlockedBy { get; init; }

    public required DecisionMode Mode { get; init; }

    public required double TotalScore { get; init; }

    public required double Confidence { get; init; }

    /// <summary>The explanation as a JSON document (object or array).</summary>
    public required string ExplanationJson { get; init; }
}
