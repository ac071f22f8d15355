namespace Mcp.Engine.Storage;

/// <summary>Answer of a readiness probe of the database.</summary>
internal sealed record StorageHealth(bool Reachable, int? SchemaVersion, int BinaryVersion, TimeSpan Duration, string? Error);
