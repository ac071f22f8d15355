namespace Mcp.Engine.Storage;

/// <summary>A write carried a fencing token lower than one already seen for its resource: its lease was lost to another holder.</summary>
internal sealed class StaleFencingTokenException(string resource, long token, long highestSeen)
    : StorageException($"Write refused: fencing token {token} for '{resource}' is older than {highestSeen}; the lease was taken over.")
{
    public string Resource { get; } = resource;

    public long Token { get; } = token;

    public long HighestSeen { get; } = highestSeen;
}
