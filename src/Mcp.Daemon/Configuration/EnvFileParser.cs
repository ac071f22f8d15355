using System.Text;
using System.Text.RegularExpressions;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// Reads an env file in systemd's <c>EnvironmentFile=</c> syntax: <c>KEY=VALUE</c> per line;
/// blank lines and lines starting with <c>#</c> or <c>;</c> are ignored; whitespace around the
/// key and the value is trimmed; a value may be wrapped in single quotes (taken literally) or
/// double quotes (<c>\"</c>, <c>\\</c>, <c>\$</c>, <c>\`</c> and <c>\n</c> escapes); a line ending in
/// a backslash continues on the next line. No shell expansion. Unlike systemd, which skips bad
/// lines with a warning, every bad line is reported with its file and line number.
/// </summary>
internal static partial class EnvFileParser
{
    public static EnvFileResult Parse(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new EnvFileResult([], [new ConfigurationProblem($"--env-file {path}: cannot read: {e.Message}")]);
        }

        return Parse(text, path);
    }

    public static EnvFileResult Parse(string text, string path)
    {
        var variables = new List<KeyValuePair<string, string>>();
        var problems = new List<ConfigurationProblem>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i];

            // Backslash-newline continuation (outside single quotes is the common case; systemd
            // joins the physical lines before parsing).
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + lines[++i];
            }

            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }

            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problems.Add(new ConfigurationProblem($"{path}:{lineNumber}: expected KEY=VALUE, got '{Truncate(trimmed)}'"));
                continue;
            }

            var key = trimmed[..equals].Trim();
            if (!KeyRegex().IsMatch(key))
            {
                problems.Add(new ConfigurationProblem(
                    $"{path}:{lineNumber}: '{Truncate(key)}' is not a variable name (letters, digits and _; not starting with a digit)"));
                continue;
            }

            var rawValue = trimmed[(equals + 1)..].Trim();
            if (!TryUnquote(rawValue, out var value, out var error))
            {
                problems.Add(new ConfigurationProblem($"{path}:{lineNumber}: {key}: {error}"));
                continue;
            }

            variables.Add(new(key, value));
        }

        return new EnvFileResult(variables, problems);
    }

    private static bool TryUnquote(string raw, out string value, out string? error)
    {
        error = null;
        value = raw;
        if (raw.Length == 0 || (raw[0] != '"' && raw[0] != '\''))
        {
            return true;
        }

        var quote = raw[0];
        var builder = new StringBuilder();
        var i = 1;
        for (; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == quote)
            {
                break;
            }

            if (quote == '"' && c == '\\' && i + 1 < raw.Length)
            {
                var next = raw[i + 1];
                switch (next)
                {
                    case '"' or '\\' or '$' or '`':
                        builder.Append(next);
                        i++;
                        continue;
                    case 'n':
                        builder.Append('\n');
                        i++;
                        continue;
                }
            }

            builder.Append(c);
        }

        if (i >= raw.Length)
        {
            error = $"unterminated {(quote == '"' ? "double" : "single")} quote";
            return false;
        }

        var rest = raw[(i + 1)..].Trim();
        if (rest.Length > 0 && rest[0] != '#')
        {
            error = $"unexpected text after the closing quote: '{Truncate(rest)}'";
            return false;
        }

        value = builder.ToString();
        return true;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex KeyRegex();
}
