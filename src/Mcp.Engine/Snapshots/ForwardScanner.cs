using System.Runtime.CompilerServices;

namespace Mcp.Engine.Snapshots;

/// <summary>
/// A fast path for the bulk of a large snapshot: forward objects in their canonical shape
/// (<c>{"at": "…", "amt_out_sat": N, "fee_msat": N, "success": true}</c>, any field order, any JSON
/// whitespace, timestamps <c>YYYY-MM-DDTHH:MM:SS[.fffffff](Z|±HH:MM)</c>, non-negative integers
/// of up to 18 digits). Anything else — escapes, unknown, duplicate or missing fields, other number
/// or date forms, bad values — hands the element over to the general reader, which then reads it
/// (or rejects it) exactly as it always would. The scanner never accepts what the general reader
/// would reject; the only errors it reports itself are a missing or trailing comma between elements.
/// </summary>
internal static class ForwardScanner
{
    private const int More = -1;
    private const int Fail = 0;
    private const int Ok = 1;

    /// <summary>
    /// Scans one array element starting at <paramref name="pos"/> (just after <c>[</c>, or just after
    /// the previous element when <paramref name="first"/> is false). On <see cref="ScanStep.Item"/>
    /// <paramref name="pos"/> is after the object; on <see cref="ScanStep.End"/> at the closing
    /// <c>]</c>; on <see cref="ScanStep.Handover"/> at the element's first byte (where a value is
    /// expected); on <see cref="ScanStep.Malformed"/> at the offending byte; on
    /// <see cref="ScanStep.NeedMore"/> unchanged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ScanStep Next(ReadOnlySpan<byte> data, ref int pos, bool first, out ForwardEvent forward)
    {
        forward = default;
        var p = SkipWhitespace(data, pos);
        if (p >= data.Length)
        {
            return ScanStep.NeedMore;
        }

        if (data[p] == ']')
        {
            pos = p;
            return ScanStep.End;
        }

        if (!first)
        {
            if (data[p] != ',')
            {
                pos = p;
                return ScanStep.Malformed;
            }

            p = SkipWhitespace(data, p + 1);
            if (p >= data.Length)
            {
                return ScanStep.NeedMore;
            }

            if (data[p] == ']')
            {
                pos = p;
                return ScanStep.Malformed;
            }
        }

        var start = p;
        if (data[p] != '{')
        {
            pos = start;
            return ScanStep.Handover;
        }

        DateTimeOffset at = default;
        long amount = 0, fee = 0;
        var success = true;
        var seen = 0;
        p = SkipWhitespace(data, p + 1);
        while (true)
        {
            if (p >= data.Length)
            {
                return ScanStep.NeedMore;
            }

            if (data[p] != '"')
            {
                return Handover(ref pos, start);
            }

            var field = Field(data, p + 1, out var afterName);
            if (field == More)
            {
                return ScanStep.NeedMore;
            }

            if (field < 0 || (seen & (1 << field)) != 0)
            {
                return Handover(ref pos, start);
            }

            seen |= 1 << field;
            p = SkipWhitespace(data, afterName);
            if (p >= data.Length)
            {
                return ScanStep.NeedMore;
            }

            if (data[p] != ':')
            {
                return Handover(ref pos, start);
            }

            p = SkipWhitespace(data, p + 1);
            var result = field switch
            {
                0 => Timestamp(data, ref p, out at),
                1 => Integer(data, ref p, out amount),
                2 => Integer(data, ref p, out fee),
                _ => Boolean(data, ref p, out success),
            };
            if (result != Ok)
            {
                return result == More ? ScanStep.NeedMore : Handover(ref pos, start);
            }

            p = SkipWhitespace(data, p);
            if (p >= data.Length)
            {
                return ScanStep.NeedMore;
            }

            if (data[p] == ',')
            {
                p = SkipWhitespace(data, p + 1);
                continue;
            }

            if (data[p] != '}' || (seen & 0b111) != 0b111)
            {
                return Handover(ref pos, start);
            }

            pos = p + 1;
            forward = new ForwardEvent(at, amount, fee, success);
            return ScanStep.Item;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ScanStep Handover(ref int pos, int start)
    {
        pos = start;
        return ScanStep.Handover;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> data, int p)
    {
        while (p < data.Length && data[p] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            p++;
        }

        return p;
    }

    /// <summary>The field whose name starts at <paramref name="p"/> (after its quote): 0–3, −2 unknown, <see cref="More"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Field(ReadOnlySpan<byte> data, int p, out int after)
    {
        after = p;
        var end = 0;
        while (p + end < data.Length && data[p + end] is not ((byte)'"' or (byte)'\\'))
        {
            end++;
        }

        if (p + end >= data.Length)
        {
            return More;
        }

        if (data[p + end] != '"')
        {
            return -2;
        }

        after = p + end + 1;
        var name = data.Slice(p, end);
        return name.Length switch
        {
            2 when name.SequenceEqual("at"u8) => 0,
            11 when name.SequenceEqual("amt_out_sat"u8) => 1,
            8 when name.SequenceEqual("fee_msat"u8) => 2,
            7 when name.SequenceEqual("success"u8) => 3,
            _ => -2,
        };
    }

    /// <summary>1 to 18 digits without a leading zero (or a single 0), followed by neither a fraction nor an exponent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Integer(ReadOnlySpan<byte> data, ref int p, out long value)
    {
        value = 0;
        var i = p;
        while (i < data.Length && (uint)(data[i] - '0') <= 9)
        {
            value = (value * 10) + (data[i] - '0');
            i++;
        }

        if (i >= data.Length)
        {
            return More;
        }

        var digits = i - p;
        if (digits == 0 || digits > 18 || (digits > 1 && data[p] == '0') || data[i] is (byte)'.' or (byte)'e' or (byte)'E')
        {
            return Fail;
        }

        p = i;
        return Ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Boolean(ReadOnlySpan<byte> data, ref int p, out bool value)
    {
        var rest = data[p..];
        value = true;
        ReadOnlySpan<byte> literal = rest.Length > 0 && rest[0] == 'f' ? "false"u8 : rest.Length > 0 && rest[0] == 'n' ? "null"u8 : "true"u8;
        if (rest.Length <= literal.Length)
        {
            return literal.StartsWith(rest) ? More : Fail;
        }

        if (!rest.StartsWith(literal) || rest[literal.Length] is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)',' or (byte)'}'))
        {
            return Fail;
        }

        value = literal[0] != 'f';
        p += literal.Length;
        return Ok;
    }

    /// <summary>A quoted <c>YYYY-MM-DDTHH:MM:SS[.f{1,7}](Z|±HH:MM)</c> with valid fields.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Timestamp(ReadOnlySpan<byte> data, ref int p, out DateTimeOffset value)
    {
        value = default;
        if (p >= data.Length)
        {
            return More;
        }

        if (data[p] != '"')
        {
            return Fail;
        }

        var close = data[(p + 1)..].IndexOfAny((byte)'"', (byte)'\\');
        if (close < 0)
        {
            return More;
        }

        var t = data.Slice(p + 1, close);
        if (data[p + 1 + close] != '"' || t.Length < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':')
        {
            return Fail;
        }

        if (!Digits(t, 0, 4, out var year) || !Digits(t, 5, 2, out var month) || !Digits(t, 8, 2, out var day)
            || !Digits(t, 11, 2, out var hour) || !Digits(t, 14, 2, out var minute) || !Digits(t, 17, 2, out var second)
            || year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return Fail;
        }

        var i = 19;
        long fraction = 0;
        if (t[i] == '.')
        {
            var digits = 0;
            for (i++; i < t.Length && (uint)(t[i] - '0') <= 9; i++)
            {
                if (++digits > 7)
                {
                    return Fail;
                }

                fraction = (fraction * 10) + (t[i] - '0');
            }

            if (digits == 0)
            {
                return Fail;
            }

            for (; digits < 7; digits++)
            {
                fraction *= 10;
            }
        }

        TimeSpan offset;
        if (i == t.Length - 1 && t[i] == 'Z')
        {
            offset = TimeSpan.Zero;
        }
        else if (i == t.Length - 6 && t[i] is (byte)'+' or (byte)'-' && t[i + 3] == ':'
            && Digits(t, i + 1, 2, out var offsetHours) && Digits(t, i + 4, 2, out var offsetMinutes)
            && offsetHours <= 13 && offsetMinutes <= 59)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (t[i] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return Fail;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).Ticks + fraction, offset);
        p += close + 2;
        return Ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits(ReadOnlySpan<byte> t, int start, int length, out int value)
    {
        value = 0;
        for (var k = start; k < start + length; k++)
        {
            var d = t[k] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
