namespace Mcp.Engine.Snapshots;

/// <summary>The identity of a node: its public key (66 hex characters) and its alias.</summary>
internal sealed record NodeIdentity(string Pubkey, string? Alias);
