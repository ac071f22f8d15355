using System.Globalization;

namespace Mcp.Engine.Scheduling;

/// <summary>
/// Parses the project's cron dialect (see docs/scheduling.md): 5 fields, or 6 with seconds first;
/// <c>*</c> and <c>?</c>, values, ranges (a reversed range wraps around), lists, steps; month and
/// day names; 0 and 7 both Sunday; the macros @yearly, @annually, @monthly, @weekly, @daily,
/// @midnight and @hourly.
/// </summary>
internal static class CronParser
{
    private static readonly char[] FieldSeparators = [' ', '\t'];

    private static readonly CronField[] FiveFields =
        [CronField.Minute, CronField.Hour, CronField.DayOfMonth, CronField.Month, CronField.DayOfWeek];

    private static readonly CronField[] SixFields =
        [CronField.Second, CronField.Minute, CronField.Hour, CronField.DayOfMonth, CronField.Month, CronField.DayOfWeek];

    public static CronExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim();
        if (text.Length == 0)
        {
            throw new CronFormatException(text, null, null,
                "the expression is empty; expected 5 fields (minute hour day-of-month month day-of-week) or 6 (second first)");
        }

        var source = text.StartsWith('@') ? ExpandMacro(text) : text;
        var parts = source.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
        var fields = parts.Length switch
        {
            5 => FiveFields,
            6 => SixFields,
            _ => throw new CronFormatException(text, null, null,
                $"found {parts.Length} field{(parts.Length == 1 ? "" : "s")}; expected 5 (minute hour day-of-month month day-of-week) or 6 (second minute hour day-of-month month day-of-week)"),
        };

        var bits = new ulong[6];
        bits[(int)CronField.Second] = 1UL; // 5-field form: second 0
        var interval = false;
        for (var i = 0; i < fields.Length; i++)
        {
            bits[(int)fields[i]] = ParseField(text, fields[i], parts[i], ref interval);
        }

        // 7 is Sunday too: fold it onto 0.
        var dow = bits[(int)CronField.DayOfWeek];
        if ((dow & (1UL << 7)) != 0)
        {
            dow = (dow & ~(1UL << 7)) | 1UL;
        }

        return new CronExpression(
            text,
            seconds: bits[(int)CronField.Second],
            minutes: bits[(int)CronField.Minute],
            hours: (uint)bits[(int)CronField.Hour],
            daysOfMonth: (uint)bits[(int)CronField.DayOfMonth],
            months: (uint)bits[(int)CronField.Month],
            daysOfWeek: (uint)dow,
            hasSeconds: fields.Length == 6,
            isInterval: interval);
    }

    private static string ExpandMacro(string text) => text.ToUpperInvariant() switch
    {
        "@YEARLY" or "@ANNUALLY" => "0 0 1 1 *",
        "@MONTHLY" => "0 0 1 * *",
        "@WEEKLY" => "0 0 * * 0",
        "@DAILY" or "@MIDNIGHT" => "0 0 * * *",
        "@HOURLY" => "0 * * * *",
        _ => throw new CronFormatException(text, null, null,
            "unknown macro; accepted: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly"),
    };

    private static ulong ParseField(string expression, CronField field, string text, ref bool interval)
    {
        var result = 0UL;
        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
            {
                throw new CronFormatException(expression, field, text, "empty list item (two commas in a row, or a comma at an end)");
            }

            result |= ParseItem(expression, field, item, ref interval);
        }

        return result;
    }

    private static ulong ParseItem(string expression, CronField field, string item, ref bool interval)
    {
        var min = CronFieldRules.Min(field);
        var max = CronFieldRules.Max(field);
        var canDefineInterval = CronFieldRules.CanDefineInterval(field);

        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var basePart = slash < 0 ? item : item[..slash];
        int? step = null;
        if (slash >= 0)
        {
            step = ParseStep(expression, field, item, item[(slash + 1)..]);
            interval |= canDefineInterval;
        }

        if (basePart is "*" or "?")
        {
            interval |= canDefineInterval;
            var last = field == CronField.DayOfWeek && step is null ? 6 : max;
            return Bits(min, last, step ?? 1);
        }

        var dash = basePart.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            var value = ParseValue(expression, field, item, basePart);

            // "a/n" means from a to the end of the field, every n.
            return step is { } n ? Bits(value, max, n) : 1UL << value;
        }

        interval |= canDefineInterval;
        var low = ParseValue(expression, field, item, basePart[..dash]);
        var high = ParseValue(expression, field, item, basePart[(dash + 1)..]);
        if (field == CronField.DayOfWeek && low == 7)
        {
            low = 0; // "7-2" is Sunday to Tuesday
        }

        if (low <= high)
        {
            return Bits(low, high, step ?? 1);
        }

        // A reversed range wraps around the end of the field: 22-2 is 22, 23, 0, 1, 2.
        var cycle = CronFieldRules.CycleLength(field);
        var span = high - low + cycle;
        var stride = step ?? 1;
        var bits = 0UL;
        for (var k = 0; k <= span; k += stride)
        {
            bits |= 1UL << (min + ((low - min + k) % cycle));
        }

        return bits;
    }

    private static int ParseStep(string expression, CronField field, string item, string text)
    {
        var max = CronFieldRules.Max(field);
        if (text.Length == 0)
        {
            throw new CronFormatException(expression, field, item, $"missing step after '/'; a step is a number from 1 to {max}");
        }

        if (!IsDigits(text) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            || step < 1 || step > max)
        {
            throw new CronFormatException(expression, field, item, $"step '{text}' is not a number from 1 to {max}");
        }

        return step;
    }

    private static int ParseValue(string expression, CronField field, string item, string text)
    {
        if (text.Length == 0)
        {
            throw new CronFormatException(expression, field, item,
                $"missing value; accepted: *, ?, {CronFieldRules.AcceptedValues(field)}, ranges a-b, lists a,b and steps */n or a-b/n");
        }

        if (IsDigits(text))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || number < CronFieldRules.Min(field) || number > CronFieldRules.Max(field))
            {
                throw new CronFormatException(expression, field, item,
                    $"{text} is out of range; accepted: {CronFieldRules.AcceptedValues(field)}");
            }

            return number;
        }

        var named = CronFieldRules.ValueOfName(field, text);
        if (named >= 0)
        {
            return named;
        }

        throw new CronFormatException(expression, field, item,
            $"'{text}' is not a valid value; accepted: *, ?, {CronFieldRules.AcceptedValues(field)}, ranges a-b, lists a,b and steps */n or a-b/n");
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    private static ulong Bits(int from, int to, int step)
    {
        var bits = 0UL;
        for (var v = from; v <= to; v += step)
        {
            bits |= 1UL << v;
        }

        return bits;
    }
}
