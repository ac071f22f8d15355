using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Cli.Snapshot;

/// <summary>What one run of the <c>snapshot</c> verb works with; disposing it releases the invocation's services.</summary>
internal sealed class SnapshotInvocation(Func<string, NodeDefinition?>? resolveNode, SnapshotVerb? verb, int exitCode, IAsyncDisposable? owner = null) : IAsyncDisposable
{
    public Func<string, NodeDefinition?>? ResolveNode { get; } = resolveNode;

    public SnapshotVerb? Verb { get; } = verb;

    /// <summary>The exit code when <see cref="Verb"/> is null (e.g. 78 for an invalid configuration).</summary>
    public int ExitCode { get; } = exitCode;

    public ValueTask DisposeAsync() => owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
