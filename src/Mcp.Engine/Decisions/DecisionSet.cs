namespace Mcp.Engine.Decisions;

/// <summary>The decisions for one node at one instant: the in-memory form of <c>mcp.decisions/1</c>.</summary>
internal sealed record DecisionSet
{
    public const string SchemaId = "mcp.decisions/1";

    /// <summary>The node's public key.</summary>
    public required string Node { get; init; }

    public string? NodeAlias { get; init; }

    /// <summary>The node's id in the nodes file, when the caller gave one.</summary>
    public string? NodeId { get; init; }

    /// <summary>The "now" of the evaluation (the caller's clock; rate limits are measured from it).</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>When the snapshot was taken (ages and the forward window are measured from it).</summary>
    public required DateTimeOffset SnapshotTakenAt { get; init; }

    public required DecisionMode Mode { get; init; }

    /// <summary>The thresholds profile used.</summary>
    public required string Profile { get; init; }

    /// <summary>One decision per channel, in the snapshot's channel order.</summary>
    public required IReadOnlyList<ChannelDecision> Decisions { get; init; }

    public required DailyBudget DailyBudget { get; init; }

    /// <summary>The decisions whose proposed policy should be applied.</summary>
    public IEnumerable<ChannelDecision> Applicable => Decisions.Where(d => d.IsApplicable);
}
