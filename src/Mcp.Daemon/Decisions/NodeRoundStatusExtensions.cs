namespace Mcp.Daemon.Decisions;

internal static class NodeRoundStatusExtensions
{
    public static string ToLabel(this NodeRoundStatus status) => status switch
    {
        NodeRoundStatus.Succeeded => "success",
        NodeRoundStatus.LeaseBusy => "lease_busy",
        NodeRoundStatus.Recent => "recent",
        NodeRoundStatus.SnapshotFailed => "snapshot_error",
        NodeRoundStatus.StorageFailed => "storage_error",
        NodeRoundStatus.LeaseLost => "lease_lost",
        NodeRoundStatus.TimedOut => "timeout",
        NodeRoundStatus.Failed => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Skipped on purpose (someone else handles the node), not a failure.</summary>
    public static bool IsSkip(this NodeRoundStatus status) => status is NodeRoundStatus.LeaseBusy or NodeRoundStatus.Recent;
}
