using Mcp.Engine.Reports;
using static Mcp.Engine.Tests.Reports.ReportScenario;

namespace Mcp.Engine.Tests.Reports;

public sealed class DailyReportMarkdownWriterTests
{
    [Test]
    public void The_markdown_has_every_section_and_the_reports_figures()
    {
        var report = DailyReportBuilder.Build(Input() with
        {
            Decisions =
            [
                Decision("800000x1x0", "increase_fee", TimeSpan.FromDays(2), current: 100, proposed: 300, reason: "raise it"),
                Decision("800000x1x0", "increase_fee", TimeSpan.FromHours(2), current: 100, proposed: 300, reason: "raise it"),
            ],
            PreviousReports = [Headline(Date.AddDays(-1), 50)],
        });

        var md = DailyReportMarkdownWriter.ToMarkdown(report);

        Assert.Multiple(() =>
        {
            Assert.That(md, Does.StartWith("# Daily report: daznode (daznode), 2026-03-01\n"));
            foreach (var heading in new[] { "## Node", "## Alerts", "## Forwarding", "## Fee policy", "## Scores", "## Channel health", "### Top channels", "### Depleted", "### Idle", "### Inactive", "## Recommendations: ", "## Decisions of the last 24 h", "## Shadow-mode evidence (last 7 days)", "## Compared with the previous report (2026-02-28, 1 day earlier)", "## Trend (7 days)", "## Notes" })
            {
                Assert.That(md, Does.Contain(heading), heading);
            }

            Assert.That(md, Does.Contain("| Capacity | 11,000,000 sat (0.11 BTC), 10,000,000 sat in active channels |"));
            Assert.That(md, Does.Contain("| 24 h | 3 | 600,000 sat | 60.000 sat | 100.0 ppm | unknown | unknown |"));
            Assert.That(md, Does.Contain("| 7 days | 6 | 740,000 sat | 90.000 sat |"));
            Assert.That(md, Does.Contain("**WARNING** 1 inactive channel: 1 of 4 channels are inactive"));
            Assert.That(md, Does.Contain("| shadow | 800000x1x0 (alpha) | increase_fee | 100 → 300 | 1 |"));
            Assert.That(md, Does.Contain("| 800000x1x0 (alpha) | increase_fee | 100 → 300, now 100 |"));
            Assert.That(md, Does.Contain("Success rate: unknown: the source records settled forwards only"));
            Assert.That(md, Does.Contain($"**Status: {report.Summary.Status.ToUpperInvariant()}** · score {report.Summary.OverallScore:0.0} / 100 ({report.Summary.Band})"));
        });
    }

    [Test]
    public void Text_from_peers_cannot_break_a_table()
    {
        var node = Node();
        var evil = node with { Channels = [node.Channels[2] with { Peer = node.Channels[2].Peer! with { Alias = "a|b\nc" } }] };

        var md = DailyReportMarkdownWriter.ToMarkdown(DailyReportBuilder.Build(Input(evil)));

        Assert.That(md, Does.Contain("| 800000x3x0 (inactive) | a\\|b c |"));
    }

    [Test]
    public void A_bundle_renders_each_node_separated_by_a_rule()
    {
        var report = DailyReportBuilder.Build(Input());
        var bundle = new DailyReportBundle { UserId = "u-42", ReportDate = Date, Reports = [report, report with { NodeId = "second", NodeAlias = null }] };

        var md = DailyReportMarkdownWriter.ToMarkdown(bundle);

        Assert.That(md, Does.Contain("\n---\n\n# Daily report: second, 2026-03-01"));
    }
}
