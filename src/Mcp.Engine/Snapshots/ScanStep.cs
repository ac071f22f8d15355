namespace Mcp.Engine.Snapshots;

/// <summary>What <see cref="ForwardScanner.Next"/> found.</summary>
internal enum ScanStep
{
    /// <summary>A forward was read.</summary>
    Item,

    /// <summary>The array's closing bracket.</summary>
    End,

    /// <summary>Something the fast path does not handle: the general reader continues from the element's first byte.</summary>
    Handover,

    /// <summary>The data ends inside the element: more input is needed (the position did not move).</summary>
    NeedMore,

    /// <summary>Malformed JSON between elements (a missing or trailing comma).</summary>
    Malformed,
}
