using System.Globalization;

namespace Mcp.Daemon.Reports;

/// <summary>What a batch did: one outcome per report (user and node), and the report files it could not write.</summary>
internal sealed record DailyReportBatchResult(DateOnly Date, IReadOnlyList<ReportOutcome> Outcomes, IReadOnlyList<string> FileErrors, TimeSpan Duration)
{
    public int Users => Outcomes.Select(o => o.Node.UserId).Distinct(StringComparer.Ordinal).Count();

    public int Generated => Count(ReportOutcomeKind.Generated);

    public int AlreadyCompleted => Count(ReportOutcomeKind.AlreadyCompleted);

    public int Failed => Count(ReportOutcomeKind.Failed);

    public int Busy => Count(ReportOutcomeKind.Busy);

    /// <summary>Every report completed and every file written.</summary>
    public bool IsComplete => Failed == 0 && Busy == 0 && FileErrors.Count == 0;

    /// <summary>One line for logs and errors.</summary>
    public string Describe()
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"daily reports for {Date:yyyy-MM-dd}: {Generated} generated, {AlreadyCompleted} already done, {Failed} failed, {Busy} held by another instance");
        if (FileErrors.Count > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {FileErrors.Count} report file(s) not written");
        }

        var failures = Outcomes.Where(o => o.Kind == ReportOutcomeKind.Failed).Take(3).Select(o => $"{o.Node.UserId}/{o.Node.Id}: {o.Error}").ToArray();
        return failures.Length == 0 ? text : text + " (" + string.Join("; ", failures) + (Failed > failures.Length ? "; ..." : "") + ")";
    }

    private int Count(ReportOutcomeKind kind) => Outcomes.Count(o => o.Kind == kind);
}
