namespace Mcp.Engine.Snapshots;

/// <summary>The short channel id text form <c>BLOCKxTXxOUTPUT</c> (e.g. <c>812345x1234x0</c>).</summary>
internal static class ShortChannelId
{
    /// <summary>What an operator should write, for error messages.</summary>
    public const string Form = "BLOCKxTXxOUTPUT, e.g. 812345x1234x0";

    /// <summary>Three groups of 1–10 ASCII digits separated by 'x'.</summary>
    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var groups = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 10)
                {
                    return false;
                }
            }
            else if (c == 'x' && digits > 0 && groups < 2)
            {
                groups++;
                digits = 0;
            }
            else
            {
                return false;
            }
        }

        return groups == 2 && digits > 0;
    }
}
