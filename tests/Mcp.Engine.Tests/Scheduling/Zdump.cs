using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mcp.Engine.Tests.Scheduling;

/// <summary>
/// Reads zone transitions from the system's tzdata through <c>zdump -v -c FROM,TO ZONE...</c>
/// (package libc-bin). zdump prints each transition as two lines: the last second before it and
/// the first second after it, each with its UT time and <c>gmtoff</c>.
/// </summary>
public static partial class Zdump
{
    public static IReadOnlyList<ZdumpTransition> Transitions(string zdumpPath, int fromYear, int toYear, IReadOnlyList<string> zones)
    {
        var start = new ProcessStartInfo(zdumpPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-v");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{fromYear},{toYear}");
        foreach (var zone in zones)
        {
            start.ArgumentList.Add(zone);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<(string Zone, DateTime Utc, TimeSpan Offset)>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            var match = LinePattern().Match(line);
            if (!match.Success)
            {
                continue; // the "= NULL" lines at the ends of time
            }

            var when = DateTime.ParseExact(
                Regex.Replace(match.Groups["utc"].Value, " +", " "),
                "ddd MMM d HH:mm:ss yyyy",
                CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            lines.Add((match.Groups["zone"].Value, when, TimeSpan.FromSeconds(long.Parse(match.Groups["off"].Value, CultureInfo.InvariantCulture))));
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"zdump failed ({process.ExitCode}): {stderr.Result}");
        }

        var transitions = new List<ZdumpTransition>();
        for (var i = 0; i + 1 < lines.Count; i += 2)
        {
            var before = lines[i];
            var after = lines[i + 1];
            if (before.Zone != after.Zone || after.Utc - before.Utc != TimeSpan.FromSeconds(1))
            {
                throw new InvalidOperationException($"unexpected zdump pairing at {before} / {after}");
            }

            transitions.Add(new ZdumpTransition(after.Zone, after.Utc, before.Offset, after.Offset));
        }

        return transitions;
    }

    /// <summary>The canonical zones of tzdata (zone1970.tab), or null when the file is absent.</summary>
    public static IReadOnlyList<string>? CanonicalZones()
    {
        const string table = "/usr/share/zoneinfo/zone1970.tab";
        if (!File.Exists(table))
        {
            return null;
        }

        return File.ReadLines(table)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t')[2])
            .ToList();
    }

    [GeneratedRegex(@"^(?<zone>\S+)\s+(?<utc>\w{3} \w{3}\s+\d+ \d\d:\d\d:\d\d \d+) UT = .* isdst=\d+ gmtoff=(?<off>-?\d+)$")]
    private static partial Regex LinePattern();
}
