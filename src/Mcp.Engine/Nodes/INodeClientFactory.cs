namespace Mcp.Engine.Nodes;

/// <summary>
/// Gives the client for a node of the nodes file (or of the simulated fleet): an LND REST client
/// when <see cref="NodeDefinition.Lnd"/> is set, a simulated node when
/// <see cref="NodeDefinition.SimulationSeed"/> is set. Clients are cached per node id and
/// re-created when the definition's endpoint changes; they share connection pools and
/// resilience state (circuit breakers) per node.
/// </summary>
internal interface INodeClientFactory
{
    /// <exception cref="ArgumentException">The definition has neither or both of an LND endpoint and a simulation seed.</exception>
    INodeClient Create(NodeDefinition node);
}
