namespace Mcp.Engine.Network;

/// <summary>
/// Ranks found for a set of nodes. <see cref="Complete"/> is false when the source failed part
/// way (the ranks found so far are kept; the others stay unknown).
/// </summary>
internal sealed record PeerRankLookup(IReadOnlyDictionary<string, int> Ranks, bool Complete, int CacheHits, int Fetched);
