namespace Mcp.Engine.Storage;

/// <summary>A unique constraint refused a write (same id, a second change for one decision, ...).</summary>
internal sealed class DuplicateRecordException(string message, Exception? innerException)
    : StorageException(message, innerException);
