using Mcp.Engine.Storage;

namespace Mcp.Engine.Alerts;

/// <summary>
/// What <see cref="AlertStateMachine.Decide"/> concluded for one key: the state to store (null:
/// nothing changes) and the notification to send once it is stored (null: none).
/// </summary>
internal sealed record AlertTransition(AlertState? NewState, AlertEventKind? Notify)
{
    public static AlertTransition None { get; } = new(null, null);
}
