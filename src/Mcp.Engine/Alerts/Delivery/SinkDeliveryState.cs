namespace Mcp.Engine.Alerts.Delivery;

/// <summary>What a sink's delivery loop is doing.</summary>
internal enum SinkDeliveryState
{
    /// <summary>Waiting for a notification (or not started).</summary>
    Idle,

    /// <summary>An attempt is in flight.</summary>
    Sending,

    /// <summary>Waiting before the next attempt.</summary>
    BackingOff,
}
