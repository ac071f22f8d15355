namespace Mcp.Daemon.Systemd;

/// <summary>Sends sd_notify(3) state changes to systemd; a no-op when not started by systemd with Type=notify.</summary>
internal interface ISdNotifier
{
    bool IsEnabled { get; }

    /// <summary>Sends one datagram with one or more newline-separated <c>KEY=VALUE</c> assignments.</summary>
    void Notify(string state);
}
