using System.Globalization;
using Mcp.Engine.Storage;

namespace Mcp.Engine.Alerts;

/// <summary>
/// The alert rules: pure functions of a <see cref="MonitorObservation"/> and the thresholds (no
/// I/O, no clock; "now" is in the observation). Each condition names what failed, the error
/// class, since when, and the first command to run.
/// </summary>
internal static class AlertRules
{
    /// <summary>The daily report job (alert subject of the report rules).</summary>
    public const string ReportSubject = "daily_reports";

    public static AlertEvaluation Evaluate(MonitorObservation observation, AlertThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(thresholds);
        var active = new List<AlertCondition>();
        var evaluated = new HashSet<string>(StringComparer.Ordinal) { AlertRuleNames.DependencyDown, AlertRuleNames.DiskLow, AlertRuleNames.WatchdogNearMiss };

        foreach (var check in observation.Checks)
        {
            if (DependencyDown(check, observation.Instance, thresholds) is { } condition)
            {
                active.Add(condition);
            }
        }

        if (observation.ReportsEvaluated)
        {
            evaluated.UnionWith([AlertRuleNames.ReportBatchLate, AlertRuleNames.ReportErrorRate, AlertRuleNames.ReportDurationP95, AlertRuleNames.ReportStale]);
            if (observation.Reports is { } reports)
            {
                active.AddRange(ReportConditions(reports, observation.Now, thresholds));
            }
        }

        if (observation.DecisionsEvaluated)
        {
            evaluated.Add(AlertRuleNames.DecisionRoundStale);
            if (observation.Decisions is { } decisions)
            {
                active.AddRange(decisions.Nodes.Select(n => DecisionStale(n, decisions, observation.Now, thresholds)).OfType<AlertCondition>());
            }
        }

        active.AddRange(observation.Disks.Select(d => DiskLow(d, observation, thresholds)).OfType<AlertCondition>());
        active.AddRange(observation.Loops.Select(l => NearMissCondition(l, observation, thresholds)).OfType<AlertCondition>());

        // One condition per key (a key repeated by a caller mistake would otherwise notify twice).
        var unique = active.GroupBy(c => c.Key, StringComparer.Ordinal).Select(g => g.First()).ToArray();
        return new AlertEvaluation(unique, evaluated);
    }

    /// <summary>True when the key belongs to this instance's evaluation: shared keys, or local keys of this instance.</summary>
    public static bool IsInDomain(string key, string instance)
    {
        ArgumentNullException.ThrowIfNull(key);
        var at = key.LastIndexOf('@');
        return at < 0 || string.Equals(key[(at + 1)..], instance, StringComparison.Ordinal);
    }

    private static AlertCondition? DependencyDown(CheckObservation check, string instance, AlertThresholds thresholds)
    {
        if (check.ConsecutiveFailures < thresholds.ConsecutiveFailures)
        {
            return null;
        }

        var subject = check.Local ? check.Check + "@" + instance : check.Check;
        var errorType = check.ErrorType ?? "unknown";
        var details = new List<string>
        {
            Invariant($"{check.ConsecutiveFailures} consecutive failed probes (alert threshold {thresholds.ConsecutiveFailures})"),
            $"Last error ({errorType}): {(string.IsNullOrWhiteSpace(check.Error) ? "(no message)" : check.Error)}",
            check.Required
                ? "Required dependency: the daemon reports unhealthy (/health/ready 503) until it is back"
                : "Optional: the daemon goes on, degraded, without it",
        };
        if (check.Local)
        {
            details.Add("On host " + instance);
        }

        return new AlertCondition
        {
            Key = AlertRuleNames.Key(AlertRuleNames.DependencyDown, subject),
            Rule = AlertRuleNames.DependencyDown,
            Subject = subject,
            Severity = check.Severity,
            Title = $"{check.DisplayName} is down ({check.Check}, {errorType})",
            ErrorType = errorType,
            Since = check.FailingSince ?? DateTimeOffset.MinValue,
            Details = details,
            Hint = check.Hint,
        };
    }

    private static IEnumerable<AlertCondition> ReportConditions(ReportBatchObservation reports, DateTimeOffset now, AlertThresholds thresholds)
    {
        if (reports.Due is { Done: false } due)
        {
            var activity = due.Activity;
            yield return new AlertCondition
            {
                Key = AlertRuleNames.Key(AlertRuleNames.ReportBatchLate, ReportSubject),
                Rule = AlertRuleNames.ReportBatchLate,
                Subject = ReportSubject,
                Severity = AlertSeverity.Warning,
                Title = $"Daily report batch of {AlertFormat.Instant(due.Occurrence)} not done by {AlertFormat.Instant(due.Deadline)}",
                ErrorType = "late",
                Since = due.Deadline,
                Details =
                [
                    $"Schedule {reports.Schedule}; deadline = scheduled time + {AlertFormat.Duration(thresholds.ReportBatchGrace)}",
                    activity.Reports == 0
                        ? "No report was claimed since the scheduled time: the batch did not run"
                        : Invariant($"Since the scheduled time: {activity.Completed} completed, {activity.Failed} failed, {activity.Pending} pending or generating"),
                ],
                Hint = $"journalctl -u mcp-daemon -p warning --since \"{AlertFormat.JournalSince(due.Occurrence)}\"; then mcp-daemon reports run",
            };
        }

        if (reports.Judged is { } judged && judged.Activity.ErrorRate is { } rate && rate > thresholds.ReportErrorRate)
        {
            yield return new AlertCondition
            {
                Key = AlertRuleNames.Key(AlertRuleNames.ReportErrorRate, ReportSubject),
                Rule = AlertRuleNames.ReportErrorRate,
                Subject = ReportSubject,
                Severity = AlertSeverity.Warning,
                Title = $"{AlertFormat.Percent(rate)} of the daily reports of {AlertFormat.Instant(judged.Occurrence)} failed",
                ErrorType = "error_rate",
                Since = judged.Occurrence,
                Details =
                [
                    Invariant($"{judged.Activity.Failed} failed, {judged.Activity.Completed} completed (alert above {AlertFormat.Percent(thresholds.ReportErrorRate)})"),
                ],
                Hint = $"mcp-daemon reports stats --days 2; journalctl -u mcp-daemon -p err --since \"{AlertFormat.JournalSince(judged.Occurrence)}\"",
            };
        }

        if (reports.Judged is { } slow && slow.Activity.P95Duration is { } p95 && p95 > thresholds.ReportP95)
        {
            yield return new AlertCondition
            {
                Key = AlertRuleNames.Key(AlertRuleNames.ReportDurationP95, ReportSubject),
                Rule = AlertRuleNames.ReportDurationP95,
                Subject = ReportSubject,
                Severity = AlertSeverity.Warning,
                Title = $"Daily reports of {AlertFormat.Instant(slow.Occurrence)} took {AlertFormat.Seconds(p95)} at the 95th percentile",
                ErrorType = "slow",
                Since = slow.Occurrence,
                Details =
                [
                    Invariant($"p95 {AlertFormat.Seconds(p95)} over {slow.Activity.Completed} completed reports (alert above {AlertFormat.Seconds(thresholds.ReportP95)})"),
                    "Slow nodes or a slow database make reports slow; each report has MCP_REPORTS_TIMEOUT",
                ],
                Hint = "mcp-daemon reports stats --days 7; mcp-daemon check-config --online",
            };
        }

        var reference = reports.LastSuccess ?? reports.WatchStart;
        if (now - reference > thresholds.ReportStale)
        {
            yield return new AlertCondition
            {
                Key = AlertRuleNames.Key(AlertRuleNames.ReportStale, ReportSubject),
                Rule = AlertRuleNames.ReportStale,
                Subject = ReportSubject,
                Severity = AlertSeverity.Warning,
                Title = $"No daily report generated successfully for {AlertFormat.Duration(now - reference)}",
                ErrorType = "stale",
                Since = reference,
                Details =
                [
                    reports.LastSuccess is { } last
                        ? $"Last successful report completed at {AlertFormat.Instant(last)}"
                        : $"No successful report recorded since monitoring started at {AlertFormat.Instant(reports.WatchStart)}",
                    $"Alert after {AlertFormat.Duration(thresholds.ReportStale)} without one; schedule {reports.Schedule}",
                ],
                Hint = "mcp-daemon reports stats --days 3; journalctl -u mcp-daemon -p err --since -2d",
            };
        }
    }

    private static AlertCondition? DecisionStale(NodeRoundObservation node, DecisionLoopObservation loop, DateTimeOffset now, AlertThresholds thresholds)
    {
        var limit = loop.Interval * thresholds.DecisionStaleIntervals;
        var reference = node.LastRound is { } last && last > loop.WatchStart ? last : loop.WatchStart;
        if (now - reference <= limit)
        {
            return null;
        }

        var since = node.LastRound ?? loop.WatchStart;
        var details = new List<string>
        {
            node.LastRound is { } round
                ? $"Last successful round at {AlertFormat.Instant(round)} ({AlertFormat.Duration(now - round)} ago)"
                : $"No decision recorded for this node since monitoring started at {AlertFormat.Instant(loop.WatchStart)}",
            Invariant($"Rounds are due every {AlertFormat.Duration(loop.Interval)} (MCP_DECISION_INTERVAL); alert after {thresholds.DecisionStaleIntervals} intervals"),
        };
        if (node.NodeErrorType is { } failing)
        {
            details.Add($"The node's own probe is failing ({failing}): {node.NodeError ?? "(no message)"}");
        }

        return new AlertCondition
        {
            Key = AlertRuleNames.Key(AlertRuleNames.DecisionRoundStale, node.NodeId),
            Rule = AlertRuleNames.DecisionRoundStale,
            Subject = node.NodeId,
            Severity = AlertSeverity.Critical,
            Title = $"No successful decision round for node {node.NodeId} for {AlertFormat.Duration(now - since)}",
            ErrorType = node.NodeErrorType ?? "stale",
            Since = since,
            Details = details,
            Hint = $"journalctl -u mcp-daemon -p warning --since \"{AlertFormat.JournalSince(since)}\"; mcp-daemon check-config --online",
        };
    }

    private static AlertCondition? DiskLow(DiskObservation disk, MonitorObservation observation, AlertThresholds thresholds)
    {
        if (disk.TotalBytes <= 0 || disk.FreeRatio >= thresholds.DiskFreeRatio)
        {
            return null;
        }

        var subject = disk.MountPoint + "@" + observation.Instance;
        return new AlertCondition
        {
            Key = AlertRuleNames.Key(AlertRuleNames.DiskLow, subject),
            Rule = AlertRuleNames.DiskLow,
            Subject = subject,
            Severity = AlertSeverity.Critical,
            Title = $"Disk almost full on {observation.Instance}: {disk.MountPoint} has {AlertFormat.Percent(disk.FreeRatio)} free",
            ErrorType = "disk",
            Since = observation.Now,
            Details =
            [
                $"{AlertFormat.Bytes(disk.FreeBytes)} free of {AlertFormat.Bytes(disk.TotalBytes)} (alert below {AlertFormat.Percent(thresholds.DiskFreeRatio)})",
                "Holds the daemon's " + string.Join(" and ", disk.Directories),
            ],
            Hint = $"df -h {disk.MountPoint}; du -xh --max-depth=2 {disk.MountPoint} | sort -h | tail -n 15",
        };
    }

    private static AlertCondition? NearMissCondition(LoopObservation loop, MonitorObservation observation, AlertThresholds thresholds)
    {
        var stuck = loop.StuckNow;
        var miss = stuck ?? loop.LastNearMiss;
        if (miss is null || (stuck is null && observation.Now - miss.At >= thresholds.NearMissHold))
        {
            return null;
        }

        var subject = loop.Loop + "@" + observation.Instance;
        return new AlertCondition
        {
            Key = AlertRuleNames.Key(AlertRuleNames.WatchdogNearMiss, subject),
            Rule = AlertRuleNames.WatchdogNearMiss,
            Subject = subject,
            Severity = stuck is null ? AlertSeverity.Warning : AlertSeverity.Critical,
            Title = stuck is null
                ? $"Loop {loop.Loop} came within {AlertFormat.Percent(miss.Ratio)} of its watchdog deadline on {observation.Instance}"
                : $"Loop {loop.Loop} is past its watchdog deadline on {observation.Instance}",
            ErrorType = stuck is null ? "near_miss" : "stuck",
            Since = miss.At,
            Details =
            [
                $"{AlertFormat.Seconds(miss.Age)} without progress against a deadline of {AlertFormat.Seconds(miss.Deadline)} at {AlertFormat.Instant(miss.At)}",
                "Past the deadline the watchdog stops being fed and systemd restarts the daemon",
                $"Clears after {AlertFormat.Duration(thresholds.NearMissHold)} without a near miss",
            ],
            Hint = $"journalctl -u mcp-daemon -p warning --since \"{AlertFormat.JournalSince(miss.At - miss.Age)}\"; curl -s 127.0.0.1:9810/health/live",
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>An activity with nothing in it (no report touched).</summary>
    internal static ReportActivity NoActivity { get; } = new(0, 0, 0, 0, null, null);
}
