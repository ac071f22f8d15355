namespace Mcp.Engine.Reports;

/// <summary>What became of a recorded decision.</summary>
internal static class DecisionOutcome
{
    /// <summary>A live fee change that reached the node (applied or verified).</summary>
    public const string Applied = "applied";

    /// <summary>A live fee change that was later rolled back.</summary>
    public const string RolledBack = "rolled_back";

    /// <summary>A live fee change the node refused, or that did not verify.</summary>
    public const string Failed = "failed";

    /// <summary>A live fee change with no change record (not sent, e.g. a conflict), or still in flight.</summary>
    public const string NotApplied = "not_applied";

    /// <summary>A fee change shadow mode (dry run) would have applied.</summary>
    public const string Shadow = "shadow";

    /// <summary>A rebalance or close recommendation (never carried out by the daemon).</summary>
    public const string Recommended = "recommended";

    /// <summary>An action a safety mechanism stopped (<see cref="DecisionGroup.BlockedBy"/>).</summary>
    public const string Blocked = "blocked";

    /// <summary>Display order of the outcomes.</summary>
    public static readonly IReadOnlyList<string> Order = [Applied, Failed, RolledBack, NotApplied, Shadow, Recommended, Blocked];
}
