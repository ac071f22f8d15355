using System.Globalization;

namespace Mcp.Daemon.Reports;

/// <summary>
/// Who claims reports: <c>host:pid:start:tag</c>, where <c>start</c> is the process's start time in
/// clock ticks since boot (<c>/proc/PID/stat</c>, field 22) and <c>tag</c> tells generators of one
/// process apart. From a claim's owner the generator can tell that it belonged to a process of this
/// host that no longer runs (killed or crashed), whose claim can be taken over at once instead of
/// after the stale period.
/// </summary>
internal sealed class ReportOwner
{
    private readonly string _host;
    private readonly int _pid;
    private readonly long _start;

    public ReportOwner()
        : this(Environment.MachineName, Environment.ProcessId, Guid.NewGuid().ToString("N")[..8])
    {
    }

    internal ReportOwner(string host, int pid, string tag)
    {
        _host = host;
        _pid = pid;
        _start = StartTicks(pid) ?? 0;
        Id = string.Create(CultureInfo.InvariantCulture, $"{host}:{pid}:{_start}:{tag}");
    }

    public string Id { get; }

    /// <summary>
    /// True when <paramref name="owner"/> names a process of this host (not this one) that is gone:
    /// its pid does not exist or now belongs to a process started at another time.
    /// </summary>
    public bool IsDeadLocalProcess(string? owner)
    {
        if (owner is null)
        {
            return false;
        }

        var parts = owner.Split(':');
        if (parts.Length != 4
            || !string.Equals(parts[0], _host, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || start == 0)
        {
            return false;
        }

        if (pid == _pid && start == _start)
        {
            return false;
        }

        return StartTicks(pid) is not { } current || current != start;
    }

    /// <summary>Field 22 of <c>/proc/PID/stat</c> (start time in clock ticks after boot); null when the process does not exist.</summary>
    internal static long? StartTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may contain spaces: count from the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so field 22 is fields[19].
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }
}
