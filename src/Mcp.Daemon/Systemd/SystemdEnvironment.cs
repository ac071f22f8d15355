using System.Globalization;
using Mcp.Daemon.Configuration;

namespace Mcp.Daemon.Systemd;

/// <summary>
/// What systemd told the process through its environment, captured once at start:
/// <c>NOTIFY_SOCKET</c> (Type=notify), <c>WATCHDOG_USEC</c>/<c>WATCHDOG_PID</c> (WatchdogSec=),
/// <c>JOURNAL_STREAM</c> (stdout/stderr connected to the journal) and <c>INVOCATION_ID</c>.
/// </summary>
internal sealed record SystemdEnvironment(string? NotifySocket, TimeSpan? WatchdogTimeout, string? JournalStream, string? InvocationId)
{
    /// <summary>Variables that must not leak to child processes (sd_notify(3), sd_watchdog_enabled(3)).</summary>
    public static readonly string[] PrivateVariables = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"];

    public static SystemdEnvironment None { get; } = new(null, null, null, null);

    /// <summary>
    /// Reads the variables. The watchdog applies only when <c>WATCHDOG_PID</c> is unset or equals
    /// <paramref name="processId"/> (it may be meant for a parent that exec'd us, or for another process).
    /// </summary>
    public static SystemdEnvironment From(EnvironmentSnapshot env, int processId)
    {
        ArgumentNullException.ThrowIfNull(env);
        TimeSpan? watchdog = null;
        if (long.TryParse(env.Get("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0)
        {
            var pidText = env.Get("WATCHDOG_PID");
            if (string.IsNullOrEmpty(pidText)
                || (int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid == processId))
            {
                watchdog = TimeSpan.FromMicroseconds(usec);
            }
        }

        var socket = env.Get("NOTIFY_SOCKET");
        return new SystemdEnvironment(
            string.IsNullOrEmpty(socket) ? null : socket,
            watchdog,
            NullIfEmpty(env.Get("JOURNAL_STREAM")),
            NullIfEmpty(env.Get("INVOCATION_ID")));
    }

    /// <summary>Removes the private variables from this process's environment (after <see cref="From"/>).</summary>
    public static void ClearPrivateVariables()
    {
        foreach (var name in PrivateVariables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
