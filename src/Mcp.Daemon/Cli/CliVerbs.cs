namespace Mcp.Daemon.Cli;

/// <summary>THE list of verbs: add yours here (one line), in the order <c>--help</c> shows them.</summary>
internal static class CliVerbs
{
    public static IReadOnlyList<ICliVerb> All { get; } =
    [
        new RunVerb(),
        new CheckConfigVerb(),
        new VersionVerb(),

        new DecideVerb(),
        new SnapshotCliVerb(),
        new CronVerb(),
        new DecisionsVerb(),
        new RollbackVerb(),

        new ReportsVerb(),
    ];
}
