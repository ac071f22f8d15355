using Mcp.Engine.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Mcp.Daemon.Configuration.Nodes;

/// <summary>
/// The managed nodes of the running daemon (a DI singleton). Loaded once before start (as a
/// configuration check); on reload the nodes file is read again and only the nodes' <c>dry_run</c>
/// flags are applied; other changes are logged as needing a restart. Readers take
/// <see cref="Nodes"/> at the start of each round, or watch <see cref="GetChangeToken"/>.
/// </summary>
internal sealed class NodeCatalog(NodeSetResolver resolver, SettingsState settings, ILogger<NodeCatalog> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private IReadOnlyList<NodeDefinition> _nodes = [];
    private CancellationTokenSource _changes = new();

    public IReadOnlyList<NodeDefinition> Nodes
    {
        get
        {
            lock (_lock)
            {
                return _nodes;
            }
        }
    }

    public IChangeToken GetChangeToken()
    {
        lock (_lock)
        {
            return new CancellationChangeToken(_changes.Token);
        }
    }

    /// <summary>Resolves the node set from the current settings; keeps it when valid.</summary>
    public NodeSetResult Load()
    {
        var result = resolver.Resolve(settings.Current);
        foreach (var notice in result.Notices)
        {
            logger.NodeNotice(notice);
        }

        if (result.Problems.Count == 0)
        {
            Publish(result.Nodes);
        }

        return result;
    }

    /// <summary>Reads the nodes file again and applies the changed <c>dry_run</c> flags.</summary>
    /// <returns>How many nodes changed mode, or <c>null</c> when the file is invalid (nothing changes).</returns>
    public int? Reload()
    {
        var result = resolver.Resolve(settings.Current);
        if (result.Problems.Count > 0)
        {
            foreach (var problem in result.Problems)
            {
                logger.NodesReloadRejected(problem.Message);
            }

            return null;
        }

        var fresh = result.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var current = Nodes;
        var changed = 0;
        var updated = new List<NodeDefinition>(current.Count);
        foreach (var node in current)
        {
            if (!fresh.Remove(node.Id, out var reread))
            {
                logger.NodeChangeNeedsRestart(node.Id, "removed from the nodes file");
                updated.Add(node);
                continue;
            }

            if (reread.DryRun != node.DryRun)
            {
                changed++;
                logger.NodeDryRunChanged(node.Id, Describe(node.DryRun), Describe(reread.DryRun));
            }

            if (reread with { DryRun = node.DryRun, Overrides = node.Overrides } != node || !SameOverrides(reread, node))
            {
                logger.NodeChangeNeedsRestart(node.Id, "settings other than dry_run changed");
            }

            updated.Add(node with { DryRun = reread.DryRun });
        }

        foreach (var added in fresh.Keys)
        {
            logger.NodeChangeNeedsRestart(added, "added to the nodes file");
        }

        if (changed > 0)
        {
            Publish(updated);
        }

        return changed;
    }

    private static bool SameOverrides(NodeDefinition a, NodeDefinition b) =>
        a.Overrides.Count == b.Overrides.Count && a.Overrides.All(kv => b.Overrides.TryGetValue(kv.Key, out var other) && other == kv.Value);

    private static string Describe(bool? dryRun) => dryRun switch
    {
        true => "true",
        false => "false",
        null => "(global)",
    };

    private void Publish(IReadOnlyList<NodeDefinition> nodes)
    {
        CancellationTokenSource previous;
        lock (_lock)
        {
            _nodes = nodes;
            previous = _changes;
            _changes = new CancellationTokenSource();
        }

        previous.Cancel();
        previous.Dispose();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _changes.Dispose();
        }
    }
}
