using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Reports;

/// <summary>Which nodes get a daily report: those with <c>daily_report: true</c>, grouped by their owner.</summary>
internal static class DailyReportSubjects
{
    /// <summary>Users with reports, each with their nodes ordered by id; users ordered by id.</summary>
    public static IReadOnlyList<(string UserId, IReadOnlyList<NodeDefinition> Nodes)> ByUser(IEnumerable<NodeDefinition> nodes, string? onlyUser = null) =>
        nodes.Where(n => n.DailyReport && (onlyUser is null || string.Equals(n.UserId, onlyUser, StringComparison.Ordinal)))
            .GroupBy(n => n.UserId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<NodeDefinition>)g.OrderBy(n => n.Id, StringComparer.Ordinal).ToArray()))
            .ToArray();

    public static int EnabledUsers(IEnumerable<NodeDefinition> nodes)
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (node.DailyReport)
            {
                users.Add(node.UserId);
            }
        }

        return users.Count;
    }
}
