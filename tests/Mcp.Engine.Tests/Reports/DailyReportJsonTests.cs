using System.Text;
using System.Text.Json;
using Mcp.Engine.Reports;
using static Mcp.Engine.Tests.Reports.ReportScenario;

namespace Mcp.Engine.Tests.Reports;

public sealed class DailyReportJsonTests
{
    private static DailyReport Report() => DailyReportBuilder.Build(Input() with
    {
        Decisions = [Decision("800000x1x0", "increase_fee", TimeSpan.FromHours(2), current: 100, proposed: 300, reason: "raise → 300 ppm <fast>")],
        PreviousReports = [Headline(Date.AddDays(-1), 50)],
    });

    [Test]
    public void A_document_reads_back_to_the_same_report()
    {
        var report = Report();
        var document = DailyReportJson.ToDocument(report);

        var parsed = DailyReportJson.Parse(document);

        Assert.That(DailyReportJson.ToDocument(parsed), Is.EqualTo(document));
        Assert.That(parsed.Summary, Is.EqualTo(report.Summary));
        Assert.That(parsed.Fees.FeeRatePpm, Is.EqualTo(report.Fees.FeeRatePpm));
    }

    [Test]
    public void Names_are_snake_case_unknown_values_are_explicit_nulls_and_text_stays_readable()
    {
        using var json = JsonDocument.Parse(DailyReportJson.ToDocument(Report()));
        var root = json.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("mcp.daily-report/1"));
            Assert.That(root.GetProperty("report_id").GetString(), Is.EqualTo(ReportId.ToString()));
            Assert.That(root.GetProperty("report_date").GetString(), Is.EqualTo("2026-03-01"));
            Assert.That(root.GetProperty("data_as_of").GetString(), Is.EqualTo("2026-03-01T06:00:00+00:00"));
            var day = root.GetProperty("forwarding").GetProperty("last_24h");
            Assert.That(day.GetProperty("success_rate").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(day.GetProperty("failed_forwards").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(day.GetProperty("fees_earned_msat").GetInt64(), Is.EqualTo(60_000));
            Assert.That(root.GetProperty("summary").GetProperty("score_delta_24h").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(root.GetProperty("channels").GetProperty("depleted").GetProperty("channels")[0].GetProperty("channel_id").GetString(), Is.EqualTo("800000x2x0"));
        });
        Assert.That(DailyReportJson.ToDocument(Report()), Does.Contain("\"raise → 300 ppm <fast>\""));
    }

    [Test]
    public void The_indented_form_is_the_same_document()
    {
        var report = Report();

        var indented = Encoding.UTF8.GetString(DailyReportJson.ToIndentedUtf8(report));

        Assert.That(indented, Does.Contain("\n  \"schema\": \"mcp.daily-report/1\""));
        Assert.That(DailyReportJson.ToDocument(DailyReportJson.Parse(indented)), Is.EqualTo(DailyReportJson.ToDocument(report)));
    }

    [Test]
    public void A_headline_is_read_from_a_full_document()
    {
        var report = Report();

        var headline = DailyReportJson.ParseHeadline(DailyReportJson.ToDocument(report));

        Assert.That(headline, Is.EqualTo(DailyReportBuilder.HeadlineOf(report)));
    }

    [Test]
    public void A_bundle_round_trips_and_keeps_its_reports_in_order()
    {
        var report = Report();
        var bundle = new DailyReportBundle { UserId = "u-42", ReportDate = Date, Reports = [report, report with { NodeId = "second" }] };

        var parsed = DailyReportJson.ParseBundle(DailyReportJson.ToIndentedUtf8(bundle));

        Assert.That((parsed.Schema, parsed.UserId, parsed.ReportDate), Is.EqualTo(("mcp.daily-reports/1", "u-42", Date)));
        Assert.That(parsed.Reports.Select(r => r.NodeId), Is.EqualTo(new[] { "daznode", "second" }));
    }

    [TestCase("{", "is not valid mcp.daily-report/1")]
    [TestCase("null", "is null")]
    [TestCase("{\"schema\":\"mcp.daily-report/1\"}", "is not valid mcp.daily-report/1")]
    public void Unreadable_documents_are_refused_with_a_reason(string json, string message)
    {
        Assert.That(() => DailyReportJson.Parse(json), Throws.TypeOf<ReportDocumentException>().With.Message.Contains(message));
    }

    [Test]
    public void A_document_of_another_schema_is_refused()
    {
        var document = DailyReportJson.ToDocument(Report() with { Schema = "mcp.daily-report/2" });

        Assert.That(() => DailyReportJson.Parse(document), Throws.TypeOf<ReportDocumentException>().With.Message.EqualTo("the report document's schema is 'mcp.daily-report/2', expected 'mcp.daily-report/1'"));
    }

    [Test]
    public void A_file_that_is_not_a_bundle_is_refused()
    {
        var report = Encoding.UTF8.GetBytes(DailyReportJson.ToDocument(Report()));

        Assert.That(() => DailyReportJson.ParseBundle(report), Throws.TypeOf<ReportDocumentException>());
        Assert.That(() => DailyReportJson.ParseBundle("[]"u8), Throws.TypeOf<ReportDocumentException>().With.Message.Contains("mcp.daily-reports/1"));
    }
}
