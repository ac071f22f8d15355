using System.Globalization;

namespace Mcp.TestKit.Systemd;

/// <summary>
/// A process id together with its start time (field 22 of <c>/proc/PID/stat</c>), so a recorded
/// process is never confused with a later one that reuses the id.
/// </summary>
public readonly record struct ProcessIdentity(int Pid, ulong StartTicks)
{
    /// <summary>Reads the identity of a running process, or null when it does not exist.</summary>
    public static ProcessIdentity? Of(int pid)
    {
        var start = ReadStartTicks(pid);
        return start is null ? null : new ProcessIdentity(pid, start.Value);
    }

    /// <summary>True while this very process (same id, same start time) is alive.</summary>
    public bool IsAlive => ReadStartTicks(Pid) == StartTicks;

    /// <summary>Parses the form written by <see cref="ToString"/>.</summary>
    public static ProcessIdentity? Parse(string? text)
    {
        var parts = (text ?? "").Trim().Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? new ProcessIdentity(pid, start)
            : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pid}:{StartTicks}");

    private static ulong? ReadStartTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) may contain spaces and parentheses: fields after it follow the last ')'.
        var rest = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // rest[0] is field 3 (state), so field 22 (starttime) is rest[19].
        if (rest.Length < 20 || rest[0] == "Z")
        {
            return null;
        }

        return ulong.Parse(rest[19], CultureInfo.InvariantCulture);
    }
}
