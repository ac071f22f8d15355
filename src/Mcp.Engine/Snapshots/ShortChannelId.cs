using System.Globalization;

namespace Mcp.Engine.Snapshots;

/// <summary>
/// A short channel id: block height (3 bytes), transaction index in the block (3 bytes) and
/// output index (2 bytes). LND's REST API writes it as a decimal <c>uint64</c> string
/// (<c>chan_id</c>); snapshots, logs and the CLI use the <c>BLOCKxTXxOUT</c> form.
/// </summary>
internal readonly record struct ShortChannelId(ulong Value)
{
    /// <summary>LND hands out alias SCIDs (zero-conf, option-scid-alias) from this block height up.</summary>
    public const uint FirstAliasBlockHeight = 16_000_000;

    /// <summary>What an operator should write, for error messages.</summary>
    public const string Form = "BLOCKxTXxOUTPUT, e.g. 812345x1234x0";

    private const uint MaxThreeBytes = 0xFF_FFFF;

    public uint BlockHeight => (uint)(Value >> 40);

    public uint TxIndex => (uint)((Value >> 16) & MaxThreeBytes);

    public ushort OutputIndex => (ushort)(Value & 0xFFFF);

    /// <summary>True for an alias SCID, which says nothing about where the channel was funded.</summary>
    public bool IsAlias => BlockHeight >= FirstAliasBlockHeight;

    public static ShortChannelId FromParts(uint blockHeight, uint txIndex, ushort outputIndex)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockHeight, MaxThreeBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(txIndex, MaxThreeBytes);
        return new ShortChannelId(((ulong)blockHeight << 40) | ((ulong)txIndex << 16) | outputIndex);
    }

    /// <summary>Parses <c>BLOCKxTXxOUT</c> (e.g. <c>812345x1234x0</c>) or LND's decimal form.</summary>
    public static ShortChannelId Parse(string text) =>
        TryParse(text, out var id)
            ? id
            : throw new FormatException(
                $"'{text}' is not a short channel id; expected BLOCKxTXxOUT (e.g. 812345x1234x0) or LND's decimal chan_id (e.g. 893182672535355392)");

    public static bool TryParse(string? text, out ShortChannelId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split('x');
        if (parts.Length == 3)
        {
            if (uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var block) && block <= MaxThreeBytes
                && uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var tx) && tx <= MaxThreeBytes
                && ushort.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var output))
            {
                id = FromParts(block, tx, output);
                return true;
            }

            return false;
        }

        if (parts.Length == 1 && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            id = new ShortChannelId(value);
            return true;
        }

        return false;
    }

    /// <summary>
    /// True for the text form <c>BLOCKxTXxOUTPUT</c> with each part in range (the form snapshots,
    /// the nodes file and the CLI use; LND's decimal form is not accepted here).
    /// </summary>
    public static bool IsValid(string? text) =>
        text is not null && text.Contains('x', StringComparison.Ordinal) && TryParse(text, out _);

    /// <summary>The decimal <c>uint64</c> form LND's REST API uses in paths and bodies.</summary>
    public string ToLndString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>BLOCKxTXxOUT</c> form.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{BlockHeight}x{TxIndex}x{OutputIndex}");
}
