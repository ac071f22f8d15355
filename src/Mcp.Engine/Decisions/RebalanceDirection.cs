namespace Mcp.Engine.Decisions;

/// <summary>Outbound: move local liquidity out (too much local); inbound: bring liquidity in (too little local).</summary>
internal enum RebalanceDirection
{
    Outbound,
    Inbound,
}
