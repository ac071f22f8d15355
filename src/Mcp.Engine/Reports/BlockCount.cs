namespace Mcp.Engine.Reports;

/// <summary>Channels whose action a safety mechanism (<c>blocked_by</c>) stopped.</summary>
internal sealed record BlockCount(string Reason, int Channels);
