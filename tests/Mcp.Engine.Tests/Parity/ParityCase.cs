using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Tests.Parity;

/// <summary>One node of the parity vectors and the original's result for each of its channels.</summary>
internal sealed record ParityCase(NodeSnapshot Snapshot, IReadOnlyDictionary<string, ParityExpectation> Expected);
