using Mcp.Engine.Configuration;

namespace Mcp.Daemon.Diagnostics;

/// <summary>
/// Fault injection and load for tests of the real process (logrotate, the systemd watchdog).
/// Off by default; never set them in production.
/// </summary>
internal sealed class DiagnosticsOptions
{
    [EnvSetting("MCP_TEST_LOG_RATE", Description = "Tests only: log this many numbered lines per second (every 10th at Error level); 0 = off.")]
    public int LogRate { get; set; }

    [EnvSetting("MCP_TEST_STUCK_LOOP_AFTER", Description = "Tests only: run a loop that stops reporting progress this long after start, so the watchdog restarts the daemon; 0s = off.")]
    public TimeSpan StuckLoopAfter { get; set; } = TimeSpan.Zero;
}
