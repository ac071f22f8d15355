namespace Mcp.Engine.Alerts;

/// <summary>A watched loop: its latest near miss, if any, and its state now when it is past its deadline.</summary>
internal sealed record LoopObservation(string Loop, NearMiss? LastNearMiss, NearMiss? StuckNow);
