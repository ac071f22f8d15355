using System.Globalization;
using Dapper;

namespace Mcp.Engine.Storage.Sql;

internal abstract partial class SqlStore
{
    private const string DecisionColumns =
        "id AS Id, node_id AS NodeId, channel_id AS ChannelId, round_id AS RoundId, evaluated_at AS EvaluatedAt, action AS Action, " +
        "blocked_by AS BlockedBy, mode AS Mode, total_score AS TotalScore, confidence AS Confidence, explanation AS Explanation";

    public Task RecordAsync(IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        for (var i = 0; i < decisions.Count; i++)
        {
            Validate(decisions[i], i);
        }

        if (decisions.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync<bool>("decision batch insert", async (connection, transaction) =>
        {
            await InsertDecisionRowsAsync(connection, transaction, decisions, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<DecisionRecord>> ListAsync(DecisionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit, nameof(query));
        return ReadAsync<IReadOnlyList<DecisionRecord>>("decision list", async connection =>
        {
            var sql = $"SELECT {DecisionColumns} FROM decisions WHERE evaluated_at >= @since"
                + (query.Until is null ? "" : " AND evaluated_at < @until")
                + (query.NodeId is null ? "" : " AND node_id = @node")
                + (query.Action is null ? "" : " AND action = @action")
                + ActionSetFilter(query.Actions)
                + " ORDER BY evaluated_at, node_id, channel_id LIMIT @limit";
            // Only the parameters the statement names; one per action of a set (list expansion
            // differs between the SQLite and PostgreSQL providers, explicit parameters do not).
            var parameters = new DynamicParameters();
            parameters.Add("since", SqlValues.Micros(query.Since));
            parameters.Add("limit", query.Limit);
            if (query.Until is not null)
            {
                parameters.Add("until", SqlValues.Micros(query.Until));
            }

            if (query.NodeId is not null)
            {
                parameters.Add("node", query.NodeId);
            }

            if (query.Action is not null)
            {
                parameters.Add("action", query.Action);
            }

            for (var i = 0; i < (query.Actions?.Count ?? 0); i++)
            {
                parameters.Add(string.Create(CultureInfo.InvariantCulture, $"action{i}"), query.Actions![i]);
            }

            // Read by ordinal: a listing can be tens of thousands of rows, so skip the generic mapper.
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                sql,
                parameters,
                cancellationToken: cancellationToken));
            var decisions = new List<DecisionRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                decisions.Add(new DecisionRecord
                {
                    Id = SqlValues.Id(reader.GetString(0)),
                    NodeId = reader.GetString(1),
                    ChannelId = reader.GetString(2),
                    RoundId = reader.IsDBNull(3) ? null : SqlValues.Id(reader.GetString(3)),
                    EvaluatedAt = SqlValues.Instant(reader.GetInt64(4)),
                    Action = reader.GetString(5),
                    BlockedBy = reader.IsDBNull(6) ? null : reader.GetString(6),
                    Mode = SqlValues.Mode(reader.GetString(7)),
                    TotalScore = reader.GetDouble(8),
                    Confidence = reader.GetDouble(9),
                    ExplanationUtf8 = reader.GetFieldValue<byte[]>(10),
                });
            }

            return decisions;
        }, cancellationToken);
    }

    /// <summary>The SQL condition of a set of actions: none when unset, never true when empty, else one parameter per action.</summary>
    private static string ActionSetFilter(IReadOnlyList<string>? actions) => actions switch
    {
        null => "",
        { Count: 0 } => " AND 1 = 0",
        _ => " AND action IN (" + string.Join(", ", Enumerable.Range(0, actions.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"@action{i}"))) + ")",
    };

    public Task<DecisionRecord?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        ReadAsync("decision get", async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<DecisionRow>(new CommandDefinition(
                $"SELECT {DecisionColumns} FROM decisions WHERE id = @id", new { id = SqlValues.Id(id) }, cancellationToken: cancellationToken));
            return row is null ? null : ToRecord(row);
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLatestEvaluatedAtAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        return ReadAsync<IReadOnlyDictionary<string, DateTimeOffset>>("latest decision per node", async connection =>
        {
            // One seek per node on (node_id, evaluated_at, ...): the table is the ever-growing audit
            // trail, so a GROUP BY over it is never an option.
            var latest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var node in nodeIds.Distinct(StringComparer.Ordinal))
            {
                var micros = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    "SELECT MAX(evaluated_at) FROM decisions WHERE node_id = @node", new { node }, cancellationToken: cancellationToken));
                if (micros is { } m)
                {
                    latest[node] = SqlValues.Instant(m);
                }
            }

            return latest;
        }, cancellationToken);
    }

    private static void Validate(DecisionRecord decision, int index)
    {
        var what = $"decisions[{index}]";
        if (decision is null)
        {
            throw new ArgumentException($"{what} is null.", nameof(decision));
        }

        if (string.IsNullOrWhiteSpace(decision.NodeId) || string.IsNullOrWhiteSpace(decision.ChannelId) || string.IsNullOrWhiteSpace(decision.Action))
        {
            throw new ArgumentException($"{what}: node id, channel id and action are required.", nameof(decision));
        }

        if (!double.IsFinite(decision.TotalScore) || !double.IsFinite(decision.Confidence))
        {
            throw new ArgumentException($"{what}: total score and confidence must be finite numbers.", nameof(decision));
        }

        SqlValues.RequireJson(decision.ExplanationUtf8, $"{what}.ExplanationUtf8");
    }

    private static DecisionRecord ToRecord(DecisionRow row) => new()
    {
        Id = SqlValues.Id(row.Id),
        NodeId = row.NodeId,
        ChannelId = row.ChannelId,
        RoundId = SqlValues.NullableId(row.RoundId),
        EvaluatedAt = SqlValues.Instant(row.EvaluatedAt),
        Action = row.Action,
        BlockedBy = row.BlockedBy,
        Mode = SqlValues.Mode(row.Mode),
        TotalScore = row.TotalScore,
        Confidence = row.Confidence,
        ExplanationJson = row.Explanation,
    };

    private sealed class DecisionRow
    {
        public string Id { get; set; } = "";

        public string NodeId { get; set; } = "";

        public string ChannelId { get; set; } = "";

        public string? RoundId { get; set; }

        public long EvaluatedAt { get; set; }

        public string Action { get; set; } = "";

        public string? BlockedBy { get; set; }

        public string Mode { get; set; } = "";

        public double TotalScore { get; set; }

        public double Confidence { get; set; }

        public string Explanation { get; set; } = "";
    }
}
