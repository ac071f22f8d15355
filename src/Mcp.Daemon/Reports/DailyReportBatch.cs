using System.Collections.Concurrent;
using System.Globalization;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Engine.Configuration;
using Mcp.Engine.Coordination;
using Mcp.Engine.Nodes;
using Mcp.Engine.Reports;
using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;
using Mcp.Engine.Thresholds;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Reports;

/// <summary>
/// Generates the daily reports of one date: the path both the schedule and <c>reports run</c> take.
/// <list type="number">
/// <item>Synchronises the nodes file into storage (so statistics know the enabled users), then takes
/// every node with <c>daily_report: true</c>, grouped by user.</item>
/// <item>Up to <c>MCP_REPORTS_MAX_CONCURRENT</c> reports generated at a time (a generation slot is held
/// while the node is asked and the report built, and given back before the report is stored, so
/// storage writes overlap the next reports' node requests): takes the report lease of the user
/// and date (<see cref="LeaseResources.Report"/>; none granted = another instance works on that user),
/// then for each of the user's nodes claims the report in storage (<see cref="IReportStore.TryClaimAsync"/>:
/// exactly one row per user, node and date; a completed report is never generated again) and
/// generates it, each attempt bounded by <c>MCP_REPORTS_TIMEOUT</c>, up to
/// <c>MCP_REPORTS_MAX_RETRIES</c> attempts with a doubling backoff. Each attempt is its own claim,
/// so the row's status (pending → generating → completed | failed), attempts, duration and error
/// are always those of the latest attempt. Then it writes the user's report file (atomically).</item>
/// <item>Reports another instance holds are checked again every few seconds until they are done
/// (or that instance stopped and they can be taken over), for at most as long as that instance
/// could legitimately need.</item>
/// </list>
/// A report that failed every attempt stays failed in storage; the batch result says so and the
/// scheduled job then fails, so the scheduler runs the batch again within the grace period: failed
/// reports are claimed again, completed ones are skipped.
/// </summary>
internal sealed class DailyReportBatch(
    NodeCatalog catalog,
    INodeStore nodeStore,
    IReportStore reports,
    ILeaseManager leases,
    DailyReportGenerator generator,
    DailyReportFiles files,
    DailyReportMetrics metrics,
    ReportOwner owner,
    DailyReportTuning tuning,
    IOptions<ReportOptions> options,
    TimeProvider time,
    ILogger<DailyReportBatch> logger)
{
    /// <summary>Generates the reports of <paramref name="date"/> (of one user when <paramref name="onlyUser"/> is set).</summary>
    /// <param name="trigger">For the log: <c>schedule</c>, <c>catch-up</c>, <c>retry</c>, <c>command line</c>.</param>
    public async Task<DailyReportBatchResult> RunAsync(DateOnly date, string trigger, string? onlyUser, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var settings = options.Value;
        var dateText = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var nodes = catalog.Nodes;
        HashSet<ReportKey> completed;
        try
        {
            await nodeStore.SyncAsync(nodes, cancellationToken);
            completed = new HashSet<ReportKey>(await reports.ListCompletedKeysAsync(date, cancellationToken));
        }
        catch (StorageException e)
        {
            ReportsLog.BatchFailedToStart(logger, dateText, e.Message);
            throw;
        }

        var users = DailyReportSubjects.ByUser(nodes, onlyUser);
        var reportCount = users.Sum(u => u.Nodes.Count);
        ReportsLog.BatchStarting(logger, dateText, trigger, users.Count, reportCount, settings.MaxConcurrent);

        var outcomes = new ConcurrentDictionary<string, ReportOutcome>(StringComparer.Ordinal);
        var fileErrors = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var firstBusy = new Dictionary<string, long>(StringComparer.Ordinal);
        IReadOnlyList<(string UserId, IReadOnlyList<NodeDefinition> Nodes)> pending = users;
        using var fileSlots = new SemaphoreSlim(settings.MaxConcurrent, settings.MaxConcurrent);
        using var generationSlots = new SemaphoreSlim(settings.MaxConcurrent, settings.MaxConcurrent);
        var batch = new BatchContext(completed, generationSlots);
        try
        {
            while (pending.Count > 0)
            {
                var writes = new ConcurrentBag<Task>();
                try
                {
                    await Parallel.ForEachAsync(
                        pending,
                        new ParallelOptions { MaxDegreeOfParallelism = UsersInFlight(settings.MaxConcurrent), CancellationToken = cancellationToken },
                        async (user, token) =>
                        {
                            var (results, lease) = await GenerateUserAsync(user.UserId, user.Nodes, date, batch, token);
                            foreach (var result in results)
                            {
                                outcomes[result.Node.Id] = result with { Document = null };
                            }

                            if (lease is not null)
                            {
                                // The file is written after the reports are stored, off the generation
                                // slots (at most as many writes in flight as slots), under the same lease.
                                // The lease is released by the write, or here when there is none.
                                try
                                {
                                    await fileSlots.WaitAsync(token);
                                }
                                catch
                                {
                                    await lease.DisposeAsync();
                                    throw;
                                }

                                // Started on the thread pool (serialization and fsync are synchronous) and
                                // not cancellable before it starts, so the lease and slot are always released.
                                writes.Add(Task.Run(() => PersistUserAsync(user.UserId, date, results, lease, fileSlots, fileErrors, cancellationToken), CancellationToken.None));
                            }
                        });
                }
                finally
                {
                    await Task.WhenAll(writes);
                }

                pending = StillBusy(pending, outcomes, firstBusy, dateText);
                if (pending.Count > 0)
                {
                    ReportsLog.WaitingForOthers(logger, dateText, pending.Count, tuning.BusyPollInterval.TotalSeconds);
                    await Task.Delay(tuning.BusyPollInterval, time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ReportsLog.BatchInterrupted(logger, dateText);
            throw;
        }

        PurgeOldFiles(settings.RetentionDays);
        var result = new DailyReportBatchResult(
            date,
            users.SelectMany(u => u.Nodes).Select(n => outcomes[n.Id]).ToArray(),
            fileErrors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}").ToArray(),
            time.GetElapsedTime(started));
        ReportsLog.BatchFinished(logger, dateText, result.Duration.TotalSeconds, result.Generated, result.AlreadyCompleted, result.Failed, result.Busy);
        return result;
    }

    /// <summary>
    /// Users handled at once: twice the generation slots, so that while some reports are being
    /// claimed or stored, as many others can hold every slot.
    /// </summary>
    private static int UsersInFlight(int maxConcurrent) => maxConcurrent > int.MaxValue / 2 ? int.MaxValue : maxConcurrent * 2;

    /// <summary>Users with a report still held elsewhere whose wait has not run out.</summary>
    private List<(string UserId, IReadOnlyList<NodeDefinition> Nodes)> StillBusy(
        IReadOnlyList<(string UserId, IReadOnlyList<NodeDefinition> Nodes)> users,
        ConcurrentDictionary<string, ReportOutcome> outcomes,
        Dictionary<string, long> firstBusy,
        string date)
    {
        var again = new List<(string UserId, IReadOnlyList<NodeDefinition> Nodes)>();
        foreach (var user in users)
        {
            var busy = user.Nodes.Where(n => outcomes[n.Id].Kind == ReportOutcomeKind.Busy).ToArray();
            if (busy.Length == 0)
            {
                continue;
            }

            if (!firstBusy.TryGetValue(user.UserId, out var since))
            {
                firstBusy[user.UserId] = since = time.GetTimestamp();
            }

            var waited = time.GetElapsedTime(since);
            if (waited < LongestHold(user.Nodes.Count))
            {
                again.Add(user);
                continue;
            }

            foreach (var node in busy)
            {
                ReportsLog.GaveUpWaiting(logger, node.UserId, node.Id, date, waited.TotalMinutes);
            }
        }

        return again;
    }

    /// <summary>The longest another live instance may legitimately hold a user's reports: every attempt timing out, with backoffs, plus a lease period.</summary>
    private TimeSpan LongestHold(int nodes)
    {
        var settings = options.Value;
        var perReport = settings.Timeout * settings.MaxRetries;
        for (var attempt = 1; attempt < settings.MaxRetries; attempt++)
        {
            perReport += Backoff(attempt);
        }

        return (perReport * nodes) + (settings.Timeout * 2) + tuning.LeaseTimeToLive;
    }

    private TimeSpan Backoff(int failedAttempt)
    {
        var backoff = options.Value.RetryBackoff;
        for (var i = 1; i < failedAttempt && backoff < tuning.MaxBackoff; i++)
        {
            backoff *= 2;
        }

        return backoff > tuning.MaxBackoff ? tuning.MaxBackoff : backoff;
    }

    /// <summary>
    /// Takes the user's report lease and generates each of the user's reports; returns the outcomes
    /// and the lease, still held (null when another instance holds it: every report is then busy).
    /// </summary>
    private async Task<(IReadOnlyList<ReportOutcome> Results, ILease? Lease)> GenerateUserAsync(string userId, IReadOnlyList<NodeDefinition> nodes, DateOnly date, BatchContext batch, CancellationToken cancellationToken)
    {
        var lease = await leases.TryAcquireAsync(LeaseResources.Report(userId, date), tuning.LeaseTimeToLive, cancellationToken);
        if (lease is null)
        {
            var dateText = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var nodeIds = string.Join(",", nodes.Select(n => n.Id));
            ReportsLog.NoLease(logger, userId, nodeIds, dateText);
            return (nodes.Select(n => new ReportOutcome(n, ReportOutcomeKind.Busy) { Holder = "another instance (report lease)" }).ToArray(), null);
        }

        try
        {
            var results = new List<ReportOutcome>(nodes.Count);
            foreach (var node in nodes)
            {
                results.Add(await ProcessNodeAsync(node, date, lease, batch, cancellationToken));
            }

            return (results, lease);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the user's file if needed, then releases the lease and the file slot.</summary>
    private async Task PersistUserAsync(string userId, DateOnly date, IReadOnlyList<ReportOutcome> results, ILease lease, SemaphoreSlim fileSlots, ConcurrentDictionary<string, string> fileErrors, CancellationToken cancellationToken)
    {
        try
        {
            var fileError = await WriteFileAsync(userId, date, results, lease, cancellationToken);
            if (fileError is null)
            {
                fileErrors.TryRemove(userId, out _);
            }
            else
            {
                fileErrors[userId] = fileError;
            }
        }
        finally
        {
            await lease.DisposeAsync();
            fileSlots.Release();
        }
    }

    private async Task<ReportOutcome> ProcessNodeAsync(NodeDefinition node, DateOnly date, ILease lease, BatchContext batch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = new ReportKey(node.UserId, node.Id, date);
        var dateText = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string? lastError = null;
        string? lastType = null;
        var tookOverDead = false;
        for (var attempt = 1; attempt <= settings.MaxRetries; attempt++)
        {
            if (!lease.IsValid)
            {
                return new ReportOutcome(node, ReportOutcomeKind.Busy) { Attempts = attempt - 1, Holder = "lease lost" };
            }

            // A generation slot is taken for the node request and the build (given back before the
            // report is stored, or before a backoff). The attempt's time (MCP_REPORTS_TIMEOUT) starts
            // before its claim: on the first attempt of a report not completed when the batch
            // started, the node is asked while the report is claimed (a read of the node; the claim
            // decides whether its answer is used), so the node's latency and the claim's commit overlap.
            using var slot = await GenerationSlot.TakeAsync(batch.GenerationSlots, cancellationToken);
            using var deadline = new CancellationTokenSource(settings.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token, lease.Lost);
            var collecting = attempt == 1 && !batch.Completed.Contains(key) ? generator.StartCollecting(node, linked.Token) : null;
            ReportOutcome? outcome;
            try
            {
                (outcome, lastError, lastType, tookOverDead) = await ClaimAndAttemptAsync(node, key, lease, attempt, tookOverDead, new AttemptScope(deadline, linked, collecting, slot), cancellationToken);
            }
            finally
            {
                // An answer nobody will use (the report was done or held elsewhere) is abandoned and awaited.
                if (collecting is { IsCompleted: false })
                {
                    await linked.CancelAsync();
                }

                if (collecting is not null)
                {
                    await ((Task)collecting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }

            if (outcome is not null)
            {
                return outcome;
            }

            slot.Dispose();
            if (!await BackOffAsync(node, dateText, attempt, lastType!, lastError!, cancellationToken))
            {
                break;
            }
        }

        ReportsLog.ReportFailed(logger, node.UserId, node.Id, dateText, settings.MaxRetries, lastType ?? "unknown", lastError ?? "unknown");
        return new ReportOutcome(node, ReportOutcomeKind.Failed) { Attempts = settings.MaxRetries, Error = lastError, ErrorType = lastType };
    }

    /// <summary>
    /// Claims the report and, when the claim is granted, makes the attempt. Returns an outcome when
    /// the report is settled for this batch, else the attempt's error and its type.
    /// </summary>
    private async Task<(ReportOutcome? Outcome, string? Error, string? ErrorType, bool TookOverDead)> ClaimAndAttemptAsync(
        NodeDefinition node,
        ReportKey key,
        ILease lease,
        int attempt,
        bool tookOverDead,
        AttemptScope scope,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var dateText = key.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ReportClaimResult claim;
        try
        {
            claim = await reports.TryClaimAsync(key, ClaimRequest(node, lease, settings.Timeout * 2), cancellationToken);
            if (claim.Outcome == ReportClaimOutcome.InProgress && !tookOverDead && owner.IsDeadLocalProcess(claim.Report.ClaimedBy))
            {
                tookOverDead = true;
                ReportsLog.TakingOverDeadClaim(logger, node.UserId, node.Id, dateText, claim.Report.ClaimedBy!);
                claim = await reports.TryClaimAsync(key, ClaimRequest(node, lease, TimeSpan.Zero), cancellationToken);
            }
        }
        catch (StorageException e)
        {
            metrics.Error("storage");
            return (null, $"storage: {e.Message}", "storage", tookOverDead);
        }

        switch (claim.Outcome)
        {
            case ReportClaimOutcome.AlreadyCompleted:
                if (claim.Report.CompletedAt is { } completedAt)
                {
                    metrics.Succeeded(completedAt);
                }

                return (new ReportOutcome(node, ReportOutcomeKind.AlreadyCompleted)
                {
                    Attempts = attempt - 1,
                    ReportId = claim.Report.Id,
                    Document = claim.Report.DocumentJson,
                }, null, null, tookOverDead);
            case ReportClaimOutcome.InProgress:
                ReportsLog.Busy(logger, node.UserId, node.Id, dateText, claim.Report.ClaimedBy ?? "?");
                return (new ReportOutcome(node, ReportOutcomeKind.Busy) { Attempts = attempt - 1, Holder = claim.Report.ClaimedBy }, null, null, tookOverDead);
            case ReportClaimOutcome.AttemptsExhausted:
                return (new ReportOutcome(node, ReportOutcomeKind.Failed) { Attempts = attempt - 1, Error = claim.Report.Error, ErrorType = "exhausted" }, null, null, tookOverDead);
        }

        var (outcome, error, errorType) = await AttemptAsync(node, claim.Claim!, lease, settings.Timeout, scope, cancellationToken);
        return (outcome, error, errorType, tookOverDead);
    }

    /// <summary>Waits before the next attempt; false when this was the last one.</summary>
    private async Task<bool> BackOffAsync(NodeDefinition node, string date, int attempt, string errorType, string error, CancellationToken cancellationToken)
    {
        if (attempt >= options.Value.MaxRetries)
        {
            return false;
        }

        var delay = Backoff(attempt);
        ReportsLog.AttemptFailed(logger, node.UserId, node.Id, date, attempt, errorType, error, delay.TotalSeconds);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken);
        }

        return true;
    }

    private ReportClaimRequest ClaimRequest(NodeDefinition node, ILease lease, TimeSpan staleAfter) => new()
    {
        Owner = owner.Id,
        FencingToken = lease.FencingToken,
        Now = time.GetUtcNow(),
        StaleAfter = staleAfter,
        MaxAttempts = null,
        TenantId = node.TenantId,
    };

    /// <summary>
    /// One claimed attempt. Returns an outcome when the report is settled for this batch (completed,
    /// or taken over by someone else), else the error and its type (the failure is recorded).
    /// </summary>
    private async Task<(ReportOutcome? Outcome, string? Error, string? ErrorType)> AttemptAsync(
        NodeDefinition node, ReportClaim claim, ILease lease, TimeSpan timeout, AttemptScope scope, CancellationToken cancellationToken)
    {
        var (deadline, linked) = (scope.Deadline, scope.Linked);
        var dateText = claim.Key.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ReportsLog.Generating(logger, node.UserId, node.Id, dateText, claim.Attempt);
        var started = time.GetTimestamp();
        string error;
        string errorType;
        try
        {
            var report = await generator.GenerateAsync(node, claim.Key.Date, claim.ReportId, scope.Collecting, linked.Token);
            var document = DailyReportJson.ToDocument(report);

            // The report is built: its slot goes to the next report while this one is stored.
            scope.Slot.Dispose();
            var duration = time.GetElapsedTime(started);
            var completedAt = time.GetUtcNow();

            // Not cancellable: a report that is ready is recorded even while the daemon stops.
            await reports.CompleteAsync(claim, document, duration, completedAt, CancellationToken.None);
            metrics.Generated(duration);
            metrics.Succeeded(completedAt);
            ReportsLog.Completed(logger, node.UserId, node.Id, dateText, claim.Attempt, duration.TotalSeconds);
            return (new ReportOutcome(node, ReportOutcomeKind.Generated) { Attempts = claim.Attempt, ReportId = claim.ReportId, Document = document }, null, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await RecordFailureAsync(claim, "interrupted: the daemon stopped during the attempt", started);
            throw;
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested)
        {
            ReportsLog.ClaimLost(logger, node.UserId, node.Id, dateText, claim.Attempt, "the report lease was lost");
            return (new ReportOutcome(node, ReportOutcomeKind.Busy) { Attempts = claim.Attempt, Holder = "lease lost" }, null, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            (error, errorType) = (string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0.###} s (MCP_REPORTS_TIMEOUT)"), "timeout");
        }
        catch (Exception e) when (e is ReportClaimLostException or StaleFencingTokenException)
        {
            ReportsLog.ClaimLost(logger, node.UserId, node.Id, dateText, claim.Attempt, e.Message);
            return (new ReportOutcome(node, ReportOutcomeKind.Busy) { Attempts = claim.Attempt, Holder = "claim taken over" }, null, null);
        }
        catch (NodeException e)
        {
            (error, errorType) = ($"node {node.Id}: {e.Message}", e.Failure.ToLabel());
        }
        catch (StorageException e)
        {
            (error, errorType) = ($"storage: {e.Message}", "storage");
        }
        catch (Exception e) when (e is ThresholdsException or UnknownProfileException)
        {
            (error, errorType) = ($"thresholds: {e.Message}", "configuration");
        }
        catch (SnapshotFormatException e)
        {
            (error, errorType) = ($"snapshot of node {node.Id} rejected by the engine: {e.Message}", "malformed");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ReportsLog.InternalError(logger, e, node.UserId, node.Id, dateText, claim.Attempt);
            (error, errorType) = ($"internal error: {e.GetType().Name}: {e.Message}", "internal");
        }

        metrics.Error(errorType);
        if (!await RecordFailureAsync(claim, error, started))
        {
            return (new ReportOutcome(node, ReportOutcomeKind.Busy) { Attempts = claim.Attempt, Holder = "claim taken over" }, null, null);
        }

        return (null, error, errorType);
    }

    /// <summary>Marks the attempt failed; false when the claim was taken over meanwhile.</summary>
    private async Task<bool> RecordFailureAsync(ReportClaim claim, string error, long started)
    {
        try
        {
            await reports.FailAsync(claim, error, time.GetElapsedTime(started), time.GetUtcNow(), CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is ReportClaimLostException or StaleFencingTokenException)
        {
            return false;
        }
        catch (StorageException e)
        {
            // The row stays "generating" under this claim; it becomes claimable again once stale.
            ReportsLog.RecordFailed(logger, claim.Key.UserId, claim.Key.NodeId, claim.Key.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), claim.Attempt, e.Message);
            return true;
        }
    }

    /// <summary>
    /// Writes the user's file when this batch completed one of its reports, or when the file is
    /// missing or does not hold exactly the completed reports (a crash between completion and write).
    /// </summary>
    private async Task<string?> WriteFileAsync(string userId, DateOnly date, IReadOnlyList<ReportOutcome> results, ILease lease, CancellationToken cancellationToken)
    {
        var done = results.Where(r => r.IsDone && r.ReportId is not null).ToArray();
        if (done.Length == 0)
        {
            return null;
        }

        string path;
        try
        {
            path = files.PathOf(userId, date);
        }
        catch (ArgumentException e)
        {
            ReportsLog.FileFailed(logger, userId, e.Message);
            metrics.Error("disk");
            return e.Message;
        }

        var ids = done.Select(r => r.ReportId!.Value).ToHashSet();
        if (!done.Any(r => r.Kind == ReportOutcomeKind.Generated) && DailyReportFiles.ReadReportIds(path) is { } existing && existing.SetEquals(ids))
        {
            return null;
        }

        if (!lease.IsValid)
        {
            return "the report lease was lost before the file could be written";
        }

        var documents = new List<(string NodeId, string Document)>(done.Length);
        foreach (var report in done)
        {
            if (report.Document is null)
            {
                return $"the stored report of node {report.Node.Id} has no document";
            }

            if (report.Kind == ReportOutcomeKind.Generated)
            {
                documents.Add((report.Node.Id, report.Document));
                continue;
            }

            // A document read back from storage may come back re-formatted (PostgreSQL's jsonb
            // orders keys its own way): it is written in the canonical form, as when generated.
            try
            {
                documents.Add((report.Node.Id, DailyReportJson.ToDocument(DailyReportJson.Parse(report.Document))));
            }
            catch (ReportDocumentException e)
            {
                ReportsLog.FileFailed(logger, path, e.Message);
                return $"the stored report of node {report.Node.Id} is unreadable: {e.Message}";
            }
        }

        try
        {
            await files.WriteAsync(userId, date, documents, cancellationToken);
            ReportsLog.FileWritten(logger, path, done.Length);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ReportsLog.FileFailed(logger, path, e.Message);
            metrics.Error("disk");
            return e.Message;
        }
    }

    private void PurgeOldFiles(int retentionDays)
    {
        var cutoff = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-retentionDays);
        try
        {
            var removed = files.Purge(cutoff);
            if (removed > 0)
            {
                ReportsLog.FilesPurged(logger, retentionDays, removed);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ReportsLog.FileFailed(logger, files.Root, e.Message);
        }
    }
}
