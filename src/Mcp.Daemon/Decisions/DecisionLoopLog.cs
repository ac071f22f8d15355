namespace Mcp.Daemon.Decisions;

/// <summary>Log events of the decision loop, rollback and audit verbs (ids 5000–5999).</summary>
internal static partial class DecisionLoopLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Decision loop started: every {Interval} (+ up to 10 % jitter), {Concurrency} node(s) at a time; first round in {FirstDelay}")]
    public static partial void LoopStarted(ILogger logger, TimeSpan interval, int concurrency, TimeSpan firstDelay);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Decision round {Round} started: {Nodes} node(s), {Live} live")]
    public static partial void RoundStarted(ILogger logger, long round, int nodes, int live);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Decision round {Round} done in {Seconds:0.###} s: {Succeeded} node(s) ok, {Skipped} skipped, {Failed} failed; {Decisions} decision(s), {Updates} update(s) applied, {WouldChange} shadow change(s); next round at {Next:u}")]
    public static partial void RoundDone(ILogger logger, long round, double seconds, int succeeded, int skipped, int failed, int decisions, int updates, int wouldChange, DateTimeOffset next);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Decision round {Round} took {Seconds:0.#} s, longer than MCP_DECISION_INTERVAL ({Interval}); the next round starts now")]
    public static partial void RoundOverran(ILogger logger, long round, double seconds, TimeSpan interval);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Decision round {Round} failed: {ErrorType}: {Error}; the loop goes on")]
    public static partial void RoundFailed(ILogger logger, long round, string errorType, string error, Exception exception);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Node {Node} ({Mode}): {Channels} channel(s), {Decisions} decision(s) recorded, {Applicable} change(s) allowed, {Planned} planned, {Deferred} deferred, {Applied} applied, {Failed} not applied")]
    public static partial void NodeDone(ILogger logger, string node, string mode, int channels, int decisions, int applicable, int planned, int deferred, int applied, int failed);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Node {Node} skipped this round: its lease is held elsewhere (another instance or a rollback)")]
    public static partial void LeaseBusy(ILogger logger, string node);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Node {Node} skipped this round: a round recorded it {Ago} ago (another instance)")]
    public static partial void RecentlyDone(ILogger logger, string node, TimeSpan ago);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "Node {Node} skipped this round: snapshot failed ({Reason}): {Error}")]
    public static partial void SnapshotFailed(ILogger logger, string node, string reason, string error);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Error, Message = "Node {Node}: storage failed during {Operation}: {Error}; nothing is applied without its record")]
    public static partial void StorageFailed(ILogger logger, string node, string operation, string error);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Warning, Message = "Node {Node}: the node lease was lost ({Where}); no further update this round")]
    public static partial void LeaseLost(ILogger logger, string node, string where);

    [LoggerMessage(EventId = 5016, Level = LogLevel.Warning, Message = "Node {Node}: round stopped after MCP_DECISION_NODE_TIMEOUT ({Timeout}) during {Stage}")]
    public static partial void NodeTimedOut(ILogger logger, string node, TimeSpan timeout, string stage);

    [LoggerMessage(EventId = 5017, Level = LogLevel.Error, Message = "Node {Node}: round failed: {ErrorType}: {Error}")]
    public static partial void NodeFailed(ILogger logger, string node, string errorType, string error, Exception exception);

    [LoggerMessage(EventId = 5018, Level = LogLevel.Warning, Message = "Node {Node}: thresholds profile unavailable: {Error}")]
    public static partial void ProfileUnavailable(ILogger logger, string node, string error);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Node {Node} channel {Channel} (dry run): {Summary}")]
    public static partial void WouldChange(ILogger logger, string node, string channel, string summary);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Node {Node}: {Count} allowed change(s) deferred to a later round: {Detail}")]
    public static partial void Deferred(ILogger logger, string node, int count, string detail);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information, Message = "Node {Node} channel {Channel}: {Kind} applied and verified: {Change} (change {ChangeId})")]
    public static partial void UpdateApplied(ILogger logger, string node, string channel, string kind, string change, Guid changeId);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Information, Message = "Node {Node} channel {Channel}: {Kind} already in effect, nothing sent: {Change} (change {ChangeId})")]
    public static partial void UpdateAlreadyInEffect(ILogger logger, string node, string channel, string kind, string change, Guid changeId);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Warning, Message = "Node {Node} channel {Channel}: {Kind} not sent, the fees changed since the snapshot: {Reason} (change {ChangeId})")]
    public static partial void UpdateConflict(ILogger logger, string node, string channel, string kind, string reason, Guid changeId);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Warning, Message = "Node {Node} channel {Channel}: {Kind} refused by the node: {Reason} (change {ChangeId})")]
    public static partial void UpdateFailed(ILogger logger, string node, string channel, string kind, string reason, Guid changeId);

    [LoggerMessage(EventId = 5034, Level = LogLevel.Error, Message = "Node {Node} channel {Channel}: {Kind} not applied although the node accepted it (verification): {Reason} (change {ChangeId})")]
    public static partial void UpdateNotApplied(ILogger logger, string node, string channel, string kind, string reason, Guid changeId);

    [LoggerMessage(EventId = 5035, Level = LogLevel.Warning, Message = "Node {Node} channel {Channel}: {Kind} outcome unknown, left for reconciliation (never resent blindly): {Reason} (change {ChangeId})")]
    public static partial void UpdateUnknown(ILogger logger, string node, string channel, string kind, string reason, Guid changeId);

    [LoggerMessage(EventId = 5036, Level = LogLevel.Warning, Message = "Node {Node} channel {Channel}: {Kind} not sent: {Reason} (change {ChangeId})")]
    public static partial void UpdateNotSent(ILogger logger, string node, string channel, string kind, string reason, Guid changeId);

    [LoggerMessage(EventId = 5037, Level = LogLevel.Warning, Message = "Node {Node}: dry run switched on during the round (kill switch); {Remaining} planned update(s) not sent")]
    public static partial void KillSwitchEngaged(ILogger logger, string node, int remaining);

    [LoggerMessage(EventId = 5040, Level = LogLevel.Information, Message = "Node {Node}: reconciled {Count} unfinished change(s): {Verified} verified, {NotApplied} not applied, {Abandoned} abandoned, {Unresolved} still unresolved")]
    public static partial void Reconciled(ILogger logger, string node, int count, int verified, int notApplied, int abandoned, int unresolved);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Warning, Message = "Node {Node}: reconciliation could not finish: {Error}; retried at the next round")]
    public static partial void ReconciliationFailed(ILogger logger, string node, string error);

    [LoggerMessage(EventId = 5050, Level = LogLevel.Information, Message = "Rollback of node {Node}: {Count} change(s) selected ({Selection})")]
    public static partial void RollbackPlanned(ILogger logger, string node, int count, string selection);

    [LoggerMessage(EventId = 5051, Level = LogLevel.Information, Message = "Rollback of node {Node} done: {Restored} restored, {Failed} failed")]
    public static partial void RollbackDone(ILogger logger, string node, int restored, int failed);

    [LoggerMessage(EventId = 5052, Level = LogLevel.Warning, Message = "Rollback of node {Node} refused: {Reason}")]
    public static partial void RollbackRefused(ILogger logger, string node, string reason);

    [LoggerMessage(EventId = 5060, Level = LogLevel.Debug, Message = "Node {Node}: {Count} shadow change(s) of the last {Window} read back from storage")]
    public static partial void ShadowHistorySeeded(ILogger logger, string node, int count, TimeSpan window);
}
