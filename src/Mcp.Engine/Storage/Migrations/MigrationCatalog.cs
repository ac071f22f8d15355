namespace Mcp.Engine.Storage.Migrations;

/// <summary>
/// Every schema version this binary knows, in order. Instants are BIGINT microseconds since the
/// Unix epoch (UTC), dates are <c>yyyy-MM-dd</c> text (see <see cref="Sql.SqlValues"/>).
/// </summary>
internal static class MigrationCatalog
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "audit trail: nodes, decisions, policy changes, fencing tokens", """
            CREATE TABLE nodes (
                node_id        TEXT    NOT NULL PRIMARY KEY,
                user_id        TEXT    NOT NULL,
                tenant_id      TEXT    NULL,
                pubkey         TEXT    NULL,
                daily_report   INTEGER NOT NULL CHECK (daily_report IN (0, 1)),
                active         INTEGER NOT NULL CHECK (active IN (0, 1)),
                first_seen_at  BIGINT  NOT NULL,
                updated_at     BIGINT  NOT NULL
            );
            CREATE INDEX ix_nodes_user ON nodes (user_id);

            CREATE TABLE decisions (
                id            TEXT             NOT NULL PRIMARY KEY,
                node_id       TEXT             NOT NULL,
                channel_id    TEXT             NOT NULL,
                round_id      TEXT             NULL,
                evaluated_at  BIGINT           NOT NULL,
                action        TEXT             NOT NULL,
                blocked_by    TEXT             NULL,
                mode          TEXT             NOT NULL CHECK (mode IN ('dry_run', 'live')),
                total_score   DOUBLE PRECISION NOT NULL,
                confidence    DOUBLE PRECISION NOT NULL,
                explanation   {JSON}           NOT NULL
            );
            CREATE INDEX ix_decisions_node_time ON decisions (node_id, evaluated_at, channel_id);
            CREATE INDEX ix_decisions_time ON decisions (evaluated_at);

            CREATE TABLE policy_changes (
                id              TEXT    NOT NULL PRIMARY KEY,
                node_id         TEXT    NOT NULL,
                channel_id      TEXT    NOT NULL,
                decision_id     TEXT    NULL REFERENCES decisions (id),
                kind            TEXT    NOT NULL CHECK (kind IN ('apply', 'rollback')),
                rolls_back_id   TEXT    NULL REFERENCES policy_changes (id),
                policy_before   {JSON}  NOT NULL,
                policy_after    {JSON}  NOT NULL,
                status          TEXT    NOT NULL CHECK (status IN ('intent', 'applied', 'verified', 'failed', 'rolled_back')),
                created_at      BIGINT  NOT NULL,
                applied_at      BIGINT  NULL,
                verified_at     BIGINT  NULL,
                finished_at     BIGINT  NULL,
                error           TEXT    NULL,
                rolled_back_by  TEXT    NULL,
                fencing_token   BIGINT  NOT NULL,
                CHECK ((kind = 'apply' AND rolls_back_id IS NULL) OR (kind = 'rollback' AND rolls_back_id IS NOT NULL))
            );
            CREATE UNIQUE INDEX ux_policy_changes_decision ON policy_changes (decision_id) WHERE kind = 'apply' AND decision_id IS NOT NULL;
            CREATE UNIQUE INDEX ux_policy_changes_open_rollback ON policy_changes (rolls_back_id) WHERE kind = 'rollback' AND status <> 'failed';
            CREATE INDEX ix_policy_changes_node_created ON policy_changes (node_id, created_at);
            CREATE INDEX ix_policy_changes_node_applied ON policy_changes (node_id, applied_at) WHERE applied_at IS NOT NULL;
            CREATE INDEX ix_policy_changes_unfinished ON policy_changes (node_id, created_at) WHERE status IN ('intent', 'applied');

            CREATE TABLE fencing_tokens (
                resource    TEXT   NOT NULL PRIMARY KEY,
                token       BIGINT NOT NULL,
                updated_at  BIGINT NOT NULL
            );
            """),
        new(2, "daily reports, monitoring state, alerts, job runs", """
            CREATE TABLE daily_reports (
                id            TEXT    NOT NULL PRIMARY KEY,
                user_id       TEXT    NOT NULL,
                node_id       TEXT    NOT NULL,
                report_date   TEXT    NOT NULL,
                tenant_id     TEXT    NULL,
                status        TEXT    NOT NULL CHECK (status IN ('pending', 'generating', 'completed', 'failed')),
                attempts      INTEGER NOT NULL,
                error         TEXT    NULL,
                duration_us   BIGINT  NULL,
                document      {JSON}  NULL,
                claimed_by    TEXT    NULL,
                claimed_at    BIGINT  NULL,
                claim_token   BIGINT  NULL,
                created_at    BIGINT  NOT NULL,
                updated_at    BIGINT  NOT NULL,
                completed_at  BIGINT  NULL,
                CONSTRAINT ux_daily_reports_user_node_date UNIQUE (user_id, node_id, report_date),
                CHECK (status <> 'completed' OR document IS NOT NULL)
            );
            CREATE INDEX ix_daily_reports_user_date ON daily_reports (user_id, report_date);
            CREATE INDEX ix_daily_reports_date_status ON daily_reports (report_date, status);
            CREATE INDEX ix_daily_reports_status ON daily_reports (status);

            CREATE TABLE probe_states (
                check_name            TEXT    NOT NULL PRIMARY KEY,
                consecutive_failures  INTEGER NOT NULL,
                last_success          INTEGER NOT NULL CHECK (last_success IN (0, 1)),
                last_checked_at       BIGINT  NOT NULL,
                last_success_at       BIGINT  NULL,
                last_failure_at       BIGINT  NULL,
                failing_since         BIGINT  NULL,
                last_error_type       TEXT    NULL,
                last_error            TEXT    NULL
            );

            CREATE TABLE probe_hourly (
                check_name   TEXT   NOT NULL,
                hour_start   BIGINT NOT NULL,
                successes    BIGINT NOT NULL,
                failures     BIGINT NOT NULL,
                duration_us  BIGINT NOT NULL,
                PRIMARY KEY (check_name, hour_start)
            );
            CREATE INDEX ix_probe_hourly_hour ON probe_hourly (hour_start);

            CREATE TABLE alerts (
                alert_key           TEXT    NOT NULL PRIMARY KEY,
                status              TEXT    NOT NULL CHECK (status IN ('firing', 'resolved')),
                severity            TEXT    NOT NULL,
                firing_since        BIGINT  NOT NULL,
                last_notified_at    BIGINT  NULL,
                notification_count  INTEGER NOT NULL,
                resolved_at         BIGINT  NULL,
                summary             TEXT    NULL,
                updated_at          BIGINT  NOT NULL
            );
            CREATE INDEX ix_alerts_status ON alerts (status, resolved_at);

            CREATE TABLE job_runs (
                job            TEXT    NOT NULL,
                scheduled_for  BIGINT  NOT NULL,
                status         TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
                owner          TEXT    NOT NULL,
                attempts       INTEGER NOT NULL,
                started_at     BIGINT  NOT NULL,
                finished_at    BIGINT  NULL,
                error          TEXT    NULL,
                PRIMARY KEY (job, scheduled_for)
            );
            CREATE INDEX ix_job_runs_job_status ON job_runs (job, status, scheduled_for);
            CREATE INDEX ix_job_runs_scheduled ON job_runs (scheduled_for);
            """),
    ];

    public static int LatestVersion => All[^1].Version;
}
