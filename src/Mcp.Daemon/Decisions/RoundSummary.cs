namespace Mcp.Daemon.Decisions;

/// <summary>One decision round over every node.</summary>
internal sealed record RoundSummary(long Round, Guid RoundId, DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<NodeRoundResult> Nodes)
{
    public int Succeeded => Nodes.Count(n => n.Status == NodeRoundStatus.Succeeded);

    public int Skipped => Nodes.Count(n => n.Status.IsSkip());

    public int Failed => Nodes.Count - Succeeded - Skipped;

    public int Decisions => Nodes.Sum(n => n.Decisions);

    /// <summary>Live updates in force after the round.</summary>
    public int Applied => Nodes.Sum(n => n.Applied);

    /// <summary>Shadow mode's "would change" entries.</summary>
    public int WouldChange => Nodes.Where(n => n.Mode == Engine.Decisions.DecisionMode.DryRun && n.Status == NodeRoundStatus.Succeeded).Sum(n => n.Planned);
}
