namespace Mcp.Engine.Storage;

/// <summary>What a synchronisation with the nodes file changed.</summary>
internal sealed record NodeSyncResult(int Added, int Updated, int Deactivated);
