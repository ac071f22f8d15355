using System.Globalization;
using Mcp.Daemon.Platform;
using Mcp.Daemon.Systemd;

namespace Mcp.Daemon.Logging;

/// <summary>
/// Decides whether console lines go to the journal. systemd sets <c>JOURNAL_STREAM=DEV:INODE</c>
/// for a service whose stdout or stderr is connected to journald; it is inherited by children
/// and survives redirections, so the value must match the device and inode of our own fd 1 or 2
/// (fstat), as systemd.exec(5) recommends. <c>INVOCATION_ID</c> alone is not enough: a shell
/// opened with systemd-run also has it.
/// </summary>
internal static class JournalStreamDetector
{
    public static ConsoleFormat Resolve(ConsoleFormat configured, SystemdEnvironment systemd)
    {
        ArgumentNullException.ThrowIfNull(systemd);
        if (configured != ConsoleFormat.Auto)
        {
            return configured;
        }

        return Matches(systemd.JournalStream, Libc.FileIdentity(1)) || Matches(systemd.JournalStream, Libc.FileIdentity(2))
            ? ConsoleFormat.Journal
            : ConsoleFormat.Plain;
    }

    /// <summary>True when <paramref name="journalStream"/> (<c>DEV:INODE</c>, decimal) names <paramref name="identity"/>.</summary>
    public static bool Matches(string? journalStream, (ulong Device, ulong Inode)? identity)
    {
        if (string.IsNullOrEmpty(journalStream) || identity is null)
        {
            return false;
        }

        var parts = journalStream.Split(':');
        return parts.Length == 2
            && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var device)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            && device == identity.Value.Device
            && inode == identity.Value.Inode;
    }
}
