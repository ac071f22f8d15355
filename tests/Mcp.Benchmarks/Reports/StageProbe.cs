using System.Diagnostics;
using Mcp.Engine.Decisions;
using Mcp.Engine.Nodes.Simulated;
using Mcp.Engine.Reports;
using Mcp.Engine.Thresholds;
using Mcp.TestKit.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Benchmarks.Reports;

internal static class StageProbe
{
    public static void Run(int n)
    {
        var defs = SimulatedFleet.CreateDefinitions(n);
        var factory = new DisposableSimulatedNodes(TimeProvider.System, new SimulatedFleetSettings(), NullLoggerFactory.Instance);
        var thresholds = ThresholdsLoader.LoadFile(RepositoryFiles.Combine("config", "decision_thresholds.yaml")).Resolve(null);
        var engine = new DecisionEngine();
        var snaps = new List<Mcp.Engine.Nodes.CollectedSnapshot>();
        var sw = Stopwatch.StartNew();
        foreach (var d in defs)
        {
            snaps.Add(factory.Create(d).CollectSnapshotAsync(default).GetAwaiter().GetResult());
        }
        Console.WriteLine($"simulate+snapshot {sw.Elapsed.TotalMilliseconds / n:0.000} ms");
        for (var round = 0; round < 2; round++)
        {
            double ev = 0, build = 0, json = 0, bundle = 0;
            foreach (var c in snaps)
            {
                sw.Restart();
                var set = engine.Evaluate(new DecisionInput { Snapshot = c.Snapshot, Thresholds = thresholds, Now = c.Snapshot.TakenAt });
                ev += sw.Elapsed.TotalMilliseconds; sw.Restart();
                var report = DailyReportBuilder.Build(new DailyReportInput { ReportId = Guid.NewGuid(), UserId = "u", NodeId = "n", ReportDate = DateOnly.FromDateTime(DateTime.UtcNow), GeneratedAt = c.Snapshot.TakenAt, Snapshot = c.Snapshot, Source = "simulated", Evaluation = set, Thresholds = thresholds });
                build += sw.Elapsed.TotalMilliseconds; sw.Restart();
                var doc = DailyReportJson.ToDocument(report);
                json += sw.Elapsed.TotalMilliseconds; sw.Restart();
                using var ms = new MemoryStream();
                DailyReportJson.Write(new DailyReportBundle { UserId = "u", ReportDate = report.ReportDate, Reports = [report] }, ms);
                bundle += sw.Elapsed.TotalMilliseconds;
            }

            Console.WriteLine($"round {round}: evaluate {ev / n:0.000} build {build / n:0.000} json {json / n:0.000} bundle {bundle / n:0.000} ms");
        }
    }
}
