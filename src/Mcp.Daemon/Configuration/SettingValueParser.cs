using System.Globalization;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// Parses and formats setting values by property type. Every failure comes with the accepted form
/// so the error line can tell the operator what to write instead.
/// </summary>
internal static class SettingValueParser
{
    public const string DurationForm = "a whole number followed by s, m, h or d (e.g. 90s, 15m, 2h, 1d)";
    public const string BooleanForm = "true, false, 1, 0, yes or no";

    private static readonly Type[] Supported =
        [typeof(string), typeof(bool), typeof(int), typeof(long), typeof(double), typeof(decimal), typeof(TimeSpan), typeof(Uri)];

    public static bool Supports(Type type) => Supported.Contains(type) || type.IsEnum;

    /// <summary>Parses <paramref name="raw"/> as <paramref name="type"/>; on failure returns the accepted form.</summary>
    public static bool TryParse(Type type, string raw, out object? value, out string acceptedForm)
    {
        acceptedForm = AcceptedForm(type);
        value = null;
        var text = raw.Trim();
        if (type == typeof(string))
        {
            value = raw;
            return true;
        }

        if (type == typeof(bool))
        {
            if (TryParseBoolean(text, out var b))
            {
                value = b;
                return true;
            }

            return false;
        }

        if (type == typeof(int))
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            {
                value = i;
                return true;
            }

            return false;
        }

        if (type == typeof(long))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                value = l;
                return true;
            }

            return false;
        }

        if (type == typeof(double))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            {
                value = d;
                return true;
            }

            return false;
        }

        if (type == typeof(decimal))
        {
            if (decimal.TryParse(text, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var m))
            {
                value = m;
                return true;
            }

            return false;
        }

        if (type == typeof(TimeSpan))
        {
            if (TryParseDuration(text, out var t))
            {
                value = t;
                return true;
            }

            return false;
        }

        if (type == typeof(Uri))
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                value = uri;
                return true;
            }

            return false;
        }

        if (type.IsEnum)
        {
            foreach (var name in Enum.GetNames(type))
            {
                if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                {
                    value = Enum.Parse(type, name);
                    return true;
                }
            }

            return false;
        }

        throw new NotSupportedException($"Settings of type {type.Name} are not supported.");
    }

    public static string AcceptedForm(Type type)
    {
        if (type == typeof(bool))
        {
            return BooleanForm;
        }

        if (type == typeof(TimeSpan))
        {
            return DurationForm;
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "a whole number";
        }

        if (type == typeof(double) || type == typeof(decimal))
        {
            return "a number with a '.' decimal point";
        }

        if (type == typeof(Uri))
        {
            return "an absolute URL";
        }

        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type));
        }

        return "text";
    }

    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "TRUE" or "1" or "YES":
                value = true;
                return true;
            case "FALSE" or "0" or "NO":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Parses <c>90s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c> (a whole number and a unit, any case).</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        if (text.Length < 2)
        {
            return false;
        }

        var unit = char.ToLowerInvariant(text[^1]);
        var digits = text[..^1];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || digits.Length > 9)
        {
            return false;
        }

        var amount = long.Parse(digits, CultureInfo.InvariantCulture);
        switch (unit)
        {
            case 's':
                value = TimeSpan.FromSeconds(amount);
                return true;
            case 'm':
                value = TimeSpan.FromMinutes(amount);
                return true;
            case 'h':
                value = TimeSpan.FromHours(amount);
                return true;
            case 'd':
                value = TimeSpan.FromDays(amount);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Formats a value the way an operator would write it (durations as 90s, 15m, 2h, 1d).</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        TimeSpan t => FormatDuration(t),
        Enum e => e.ToString().ToLowerInvariant(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string FormatDuration(TimeSpan value)
    {
        if (value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var seconds = (long)value.TotalSeconds;
        if (seconds != 0 && seconds % 86400 == 0)
        {
            return (seconds / 86400).ToString(CultureInfo.InvariantCulture) + "d";
        }

        if (seconds != 0 && seconds % 3600 == 0)
        {
            return (seconds / 3600).ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (seconds != 0 && seconds % 60 == 0)
        {
            return (seconds / 60).ToString(CultureInfo.InvariantCulture) + "m";
        }

        return seconds.ToString(CultureInfo.InvariantCulture) + "s";
    }
}
