namespace Mcp.Engine.Storage;

/// <summary>The database's schema version against the one this binary knows.</summary>
internal sealed record SchemaStatus(int CurrentVersion, int BinaryVersion, IReadOnlyList<int> AppliedNow)
{
    /// <summary>Migrations this binary would apply.</summary>
    public int PendingCount => Math.Max(0, BinaryVersion - CurrentVersion);

    public bool IsCurrent => CurrentVersion == BinaryVersion;
}
