namespace Mcp.Engine.Alerts;

/// <summary>The latest successful decision round of one node.</summary>
/// <param name="LastRound">Latest decision recorded for the node (storage) or the loop's own success time, whichever is later.</param>
/// <param name="NodeErrorType">Failure class of the node's probe when it is failing (explains why rounds fail).</param>
internal sealed record NodeRoundObservation(string NodeId, DateTimeOffset? LastRound, string? NodeErrorType, string? NodeError);
