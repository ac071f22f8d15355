namespace Mcp.Engine.Nodes;

/// <summary>Where and how to reach an LND node's REST API.</summary>
internal sealed record LndEndpoint(Uri RestUrl, string MacaroonPath, string TlsCertPath);
