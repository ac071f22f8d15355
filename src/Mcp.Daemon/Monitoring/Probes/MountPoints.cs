namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>
/// Finds the mount point of a directory from <c>/proc/self/mountinfo</c> (the longest mount point
/// that contains it), so that two directories on one file system raise one disk alert. Falls back
/// to the directory itself when the table cannot be read.
/// </summary>
internal static class MountPoints
{
    public const string MountInfo = "/proc/self/mountinfo";

    public static string Of(string directory, string mountInfoPath = MountInfo)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.GetFullPath(directory);
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadLines(mountInfoPath);
            return Longest(full, lines.Select(MountPointOf).OfType<string>()) ?? full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return full;
        }
    }

    /// <summary>The longest of <paramref name="mountPoints"/> that is <paramref name="path"/> or one of its parents.</summary>
    public static string? Longest(string path, IEnumerable<string> mountPoints)
    {
        ArgumentNullException.ThrowIfNull(mountPoints);
        string? best = null;
        foreach (var mount in mountPoints)
        {
            var contains = mount == "/"
                || string.Equals(path, mount, StringComparison.Ordinal)
                || path.StartsWith(mount.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (contains && (best is null || mount.Length > best.Length))
            {
                best = mount;
            }
        }

        return best;
    }

    /// <summary>Field 5 of a mountinfo line, with the kernel's octal escapes (<c>\040</c> for a space) decoded.</summary>
    public static string? MountPointOf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split(' ');
        return fields.Length < 5 ? null : Unescape(fields[4]);
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                text.Append((char)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
