namespace Mcp.TestKit.FakeLnd;

/// <summary>A node of the fake channel graph (what <c>GetNodeInfo</c> answers).</summary>
internal sealed record FakeGraphNode(string Pubkey, string Alias, uint NumChannels, long TotalCapacity);
