namespace Mcp.Engine.Storage;

/// <summary>The database was migrated by a newer mcp-daemon; this binary refuses to touch it.</summary>
internal sealed class SchemaTooNewException(string location, int databaseVersion, int binaryVersion)
    : StorageConfigurationException(
        $"The database {location} has schema version {databaseVersion}, newer than this mcp-daemon's {binaryVersion}. " +
        "Nothing was changed. Run the newer mcp-daemon, or restore a backup taken before the upgrade.")
{
    public int DatabaseVersion { get; } = databaseVersion;

    public int BinaryVersion { get; } = binaryVersion;
}
