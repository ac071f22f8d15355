using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Nodes.Simulated;

/// <summary>
/// The simulated nodes of this process (<c>MCP_SIMULATED_NODES=N</c>, the embedded default of
/// <c>dotnet run</c>): one <see cref="SimulatedNode"/> per node id, created at first use and kept,
/// so every client of a node sees the same evolving state.
/// </summary>
internal sealed class SimulatedFleet(TimeProvider timeProvider, SimulatedFleetSettings settings, ILogger<SimulatedFleet> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<SimulatedNode>> _nodes = new(StringComparer.Ordinal);

    public TimeProvider TimeProvider => timeProvider;

    public SimulatedFleetSettings Settings => settings;

    /// <summary>
    /// The node definitions of a fleet of <paramref name="count"/> simulated nodes: ids
    /// <c>sim-001</c>…, each owned by its own user (<c>sim-user-001</c>…) with daily reports on,
    /// seeds <paramref name="firstSeed"/>, <paramref name="firstSeed"/>+1, …, and the pubkey each
    /// node will report.
    /// </summary>
    public static IReadOnlyList<NodeDefinition> CreateDefinitions(int count, int firstSeed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var width = Math.Max(3, count.ToString(CultureInfo.InvariantCulture).Length);
        var definitions = new NodeDefinition[count];
        for (var i = 0; i < count; i++)
        {
            var number = (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            var seed = firstSeed + i;
            definitions[i] = new NodeDefinition
            {
                Id = $"sim-{number}",
                UserId = $"sim-user-{number}",
                Pubkey = SimulatedNode.PubkeyFor(seed),
                SimulationSeed = seed,
                DailyReport = true,
            };
        }

        return definitions;
    }

    /// <summary>The node of a definition (created, with its history, at first use).</summary>
    public SimulatedNode GetNode(NodeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.SimulationSeed is not { } seed)
        {
            throw new ArgumentException($"Node '{definition.Id}' has no simulation seed.", nameof(definition));
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"{definition.Id}#{seed}");
        var lazy = _nodes.GetOrAdd(key, _ => new Lazy<SimulatedNode>(() =>
        {
            var node = new SimulatedNode(definition.Id, seed, timeProvider.GetUtcNow(), settings);
            var channels = node.ChannelCount;
            SimulatedLog.NodeCreated(logger, definition.Id, seed, channels, settings.History);
            return node;
        }));
        return lazy.Value;
    }
}
