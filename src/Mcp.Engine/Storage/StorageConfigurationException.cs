namespace Mcp.Engine.Storage;

/// <summary>
/// The database setting cannot work as given: malformed <c>MCP_DATABASE</c>, wrong credentials,
/// missing database, a file that is not a SQLite database, a schema newer than the binary. The
/// host maps it to exit code 78 (retrying would not help).
/// </summary>
internal class StorageConfigurationException : StorageException
{
    public StorageConfigurationException(string message)
        : base(message)
    {
    }

    public StorageConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
