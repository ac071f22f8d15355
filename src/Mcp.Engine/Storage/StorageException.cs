namespace Mcp.Engine.Storage;

/// <summary>Base of every error the storage adapters raise. Messages never contain a password.</summary>
internal class StorageException : Exception
{
    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
