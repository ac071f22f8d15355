namespace Mcp.Engine.Nodes.Lnd;

/// <summary>What the channel graph says about a peer; <see cref="Found"/> false for a node the graph does not know.</summary>
internal sealed record PeerGraphData(bool Found, string? Alias, int? NumChannels, long? TotalCapacitySat);
