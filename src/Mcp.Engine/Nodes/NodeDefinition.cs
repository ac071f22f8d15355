namespace Mcp.Engine.Nodes;

/// <summary>
/// One managed node as declared in the nodes file (or synthesised for the single-node settings
/// and for the simulated fleet).
/// </summary>
internal sealed record NodeDefinition
{
    /// <summary>Stable id used in metrics, CLI and storage (<c>[a-z0-9][a-z0-9_.-]*</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Owner of the node, for daily reports.</summary>
    public required string UserId { get; init; }

    public string? TenantId { get; init; }

    /// <summary>Expected identity pubkey; checked against getinfo when set.</summary>
    public string? Pubkey { get; init; }

    /// <summary>How to reach a real LND node; <c>null</c> for a simulated node.</summary>
    public LndEndpoint? Lnd { get; init; }

    /// <summary>Seed of a simulated node; <c>null</c> for a real node.</summary>
    public int? SimulationSeed { get; init; }

    /// <summary>Per-node dry run; a node can be stricter than the global setting, never looser.</summary>
    public bool? DryRun { get; init; }

    /// <summary>Profile of the thresholds file to use for this node; <c>null</c> = the active profile.</summary>
    public string? Profile { get; init; }

    public bool DailyReport { get; init; }

    /// <summary>Per-channel overrides keyed by short channel id.</summary>
    public IReadOnlyDictionary<string, ChannelOverride> Overrides { get; init; } =
        new Dictionary<string, ChannelOverride>(StringComparer.Ordinal);

    /// <summary>The effective dry-run flag given the global setting.</summary>
    public bool IsDryRun(bool globalDryRun) => globalDryRun || DryRun == true;
}
