using Dapper;

namespace Mcp.Engine.Storage.Sql;

internal abstract partial class SqlStore
{
    public Task<int> PurgeBatchAsync(RetentionCategory category, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var micros = SqlValues.Micros(cutoff);
        return WriteAsync($"retention purge of {category}", async (connection, transaction) =>
        {
            async Task<int> Delete(string sql, object parameters) =>
                await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));

            switch (category)
            {
                case RetentionCategory.Reports:
                    var reports = await Delete(
                        "DELETE FROM daily_reports WHERE id IN (SELECT id FROM daily_reports WHERE report_date < @date LIMIT @n)",
                        new { date = SqlValues.Date(DateOnly.FromDateTime(cutoff.UtcDateTime)), n = batchSize });
                    if (reports < batchSize)
                    {
                        reports += await Delete(
                            "DELETE FROM fencing_tokens WHERE resource IN (SELECT resource FROM fencing_tokens WHERE resource LIKE 'report:%' AND updated_at < @cutoff LIMIT @n)",
                            new { cutoff = micros, n = batchSize - reports });
                    }

                    return reports;
                case RetentionCategory.ProbeHistory:
                    return await Delete(
                        "DELETE FROM probe_hourly WHERE (check_name, hour_start) IN (SELECT check_name, hour_start FROM probe_hourly WHERE hour_start < @cutoff LIMIT @n)",
                        new { cutoff = micros, n = batchSize });
                case RetentionCategory.ResolvedAlerts:
                    return await Delete(
                        "DELETE FROM alerts WHERE alert_key IN (SELECT alert_key FROM alerts WHERE status = 'resolved' AND resolved_at < @cutoff LIMIT @n)",
                        new { cutoff = micros, n = batchSize });
                case RetentionCategory.JobRuns:
                    return await Delete(
                        "DELETE FROM job_runs WHERE (job, scheduled_for) IN (SELECT job, scheduled_for FROM job_runs WHERE scheduled_for < @cutoff AND status <> 'running' LIMIT @n)",
                        new { cutoff = micros, n = batchSize });
                default:
                    throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown retention category.");
            }
        }, cancellationToken);
    }
}
