namespace Mcp.Engine.Storage;

/// <summary>
/// The database cannot be reached now (connection refused, timeout, server shutting down, disk
/// I/O). Transient: readiness reports unhealthy and the caller retries; <c>check-config --online</c> exits 69.
/// </summary>
internal sealed class StorageUnavailableException : StorageException
{
    public StorageUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
