using System.Globalization;

namespace Mcp.Daemon.Metrics;

/// <summary>The fields of <c>/proc/self/stat</c> the process metrics use (proc(5)).</summary>
internal sealed record ProcStat(long UserTicks, long SystemTicks, long StartTicksSinceBoot, long VirtualBytes, long ResidentPages, int Threads)
{
    /// <summary>Parses the file's one line; the command name (field 2) may contain spaces and parentheses.</summary>
    public static ProcStat? Parse(string line)
    {
        var close = line.LastIndexOf(')');
        if (close < 0 || close + 2 > line.Length)
        {
            return null;
        }

        // Fields from 3 (state) on; field N is at index N - 3.
        var fields = line[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 22)
        {
            return null;
        }

        return new ProcStat(
            Long(fields[14 - 3]),
            Long(fields[15 - 3]),
            Long(fields[22 - 3]),
            Long(fields[23 - 3]),
            Long(fields[24 - 3]),
            (int)Long(fields[20 - 3]));
    }

    private static long Long(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
