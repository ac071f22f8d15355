using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Reports;

/// <summary>What one attempt at a report runs under: its deadline, its token, the node's answer if already asked for, its generation slot.</summary>
internal sealed record AttemptScope(CancellationTokenSource Deadline, CancellationTokenSource Linked, Task<CollectedSnapshot>? Collecting, GenerationSlot Slot);
