namespace Mcp.Daemon.Decisions;

internal static class FeeUpdateResultExtensions
{
    public static string ToLabel(this FeeUpdateResult result) => result switch
    {
        FeeUpdateResult.Applied => "applied",
        FeeUpdateResult.AlreadyInEffect => "already_in_effect",
        FeeUpdateResult.Conflict => "conflict",
        FeeUpdateResult.Failed => "failed",
        FeeUpdateResult.NotApplied => "not_applied",
        FeeUpdateResult.Unknown => "unknown",
        FeeUpdateResult.NotSent => "not_sent",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    /// <summary>The policy the update asked for is in force on the node.</summary>
    public static bool IsInEffect(this FeeUpdateResult result) => result is FeeUpdateResult.Applied or FeeUpdateResult.AlreadyInEffect;
}
