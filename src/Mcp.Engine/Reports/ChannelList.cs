namespace Mcp.Engine.Reports;

/// <summary>How many channels qualify (<see cref="Count"/>) and the first of them (at most a fixed number).</summary>
internal sealed record ChannelList(int Count, IReadOnlyList<ChannelLine> Channels);
