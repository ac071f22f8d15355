using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Storage.Sql;

/// <summary>
/// The storage encodings shared by both backends: instants as microseconds since the Unix epoch
/// (UTC) in <c>BIGINT</c> columns, dates as <c>yyyy-MM-dd</c> text, enums as snake_case text,
/// ids as lower-case hyphenated GUID text. One encoding keeps the SQL, the ordering and the
/// contract identical on SQLite and PostgreSQL.
/// </summary>
internal static class SqlValues
{
    public const int MaxErrorLength = 4000;

    /// <summary>UTF-8 that refuses lone surrogates instead of replacing them.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonSerializerOptions PolicyJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static long Micros(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static long? Micros(DateTimeOffset? instant) => instant is { } i ? Micros(i) : null;

    public static DateTimeOffset Instant(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public static DateTimeOffset? Instant(long? micros) => micros is { } m ? Instant(m) : null;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Id(Guid id) => id.ToString("D");

    public static string? Id(Guid? id) => id?.ToString("D");

    public static Guid Id(string text) => Guid.ParseExact(text, "D");

    public static Guid? NullableId(string? text) => text is null ? null : Guid.ParseExact(text, "D");

    public static long DurationMicros(TimeSpan duration) => duration.Ticks / 10;

    public static TimeSpan? Duration(long? micros) => micros is { } m ? TimeSpan.FromTicks(m * 10) : null;

    public static string? Truncate(string? text) =>
        text is { Length: > MaxErrorLength } ? text[..MaxErrorLength] : text;

    public static string PolicyToJson(ChannelPolicy policy) => JsonSerializer.Serialize(policy, PolicyJson);

    public static ChannelPolicy PolicyFromJson(string json) =>
        JsonSerializer.Deserialize<ChannelPolicy>(json, PolicyJson)
        ?? throw new StorageException("A stored channel policy is null.");

    public static string Mode(DecisionMode mode) => mode switch
    {
        DecisionMode.DryRun => "dry_run",
        DecisionMode.Live => "live",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown decision mode."),
    };

    public static DecisionMode Mode(string text) => text switch
    {
        "dry_run" => DecisionMode.DryRun,
        "live" => DecisionMode.Live,
        _ => throw new StorageException($"Unknown stored decision mode '{text}'."),
    };

    public static string Status(PolicyChangeStatus status) => status switch
    {
        PolicyChangeStatus.Intent => "intent",
        PolicyChangeStatus.Applied => "applied",
        PolicyChangeStatus.Verified => "verified",
        PolicyChangeStatus.Failed => "failed",
        PolicyChangeStatus.RolledBack => "rolled_back",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown policy change status."),
    };

    public static PolicyChangeStatus ChangeStatus(string text) => text switch
    {
        "intent" => PolicyChangeStatus.Intent,
        "applied" => PolicyChangeStatus.Applied,
        "verified" => PolicyChangeStatus.Verified,
        "failed" => PolicyChangeStatus.Failed,
        "rolled_back" => PolicyChangeStatus.RolledBack,
        _ => throw new StorageException($"Unknown stored policy change status '{text}'."),
    };

    public static string Kind(PolicyChangeKind kind) => kind == PolicyChangeKind.Rollback ? "rollback" : "apply";

    public static PolicyChangeKind ChangeKind(string text) => text switch
    {
        "apply" => PolicyChangeKind.Apply,
        "rollback" => PolicyChangeKind.Rollback,
        _ => throw new StorageException($"Unknown stored policy change kind '{text}'."),
    };

    public static string Status(ReportStatus status) => status switch
    {
        ReportStatus.Pending => "pending",
        ReportStatus.Generating => "generating",
        ReportStatus.Completed => "completed",
        ReportStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown report status."),
    };

    public static ReportStatus ToReportStatus(string text) => text switch
    {
        "pending" => ReportStatus.Pending,
        "generating" => ReportStatus.Generating,
        "completed" => ReportStatus.Completed,
        "failed" => ReportStatus.Failed,
        _ => throw new StorageException($"Unknown stored report status '{text}'."),
    };

    public static string Status(JobRunStatus status) => status switch
    {
        JobRunStatus.Running => "running",
        JobRunStatus.Succeeded => "succeeded",
        JobRunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown job run status."),
    };

    public static JobRunStatus JobStatus(string text) => text switch
    {
        "running" => JobRunStatus.Running,
        "succeeded" => JobRunStatus.Succeeded,
        "failed" => JobRunStatus.Failed,
        _ => throw new StorageException($"Unknown stored job run status '{text}'."),
    };

    public static string Status(AlertStatus status) => status == AlertStatus.Resolved ? "resolved" : "firing";

    public static AlertStatus ToAlertStatus(string text) => text switch
    {
        "firing" => AlertStatus.Firing,
        "resolved" => AlertStatus.Resolved,
        _ => throw new StorageException($"Unknown stored alert status '{text}'."),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="what"/> unless the text is one JSON document.</summary>
    /// <summary>
    /// Checks that <paramref name="json"/> is one complete JSON value (the rules of
    /// <see cref="JsonDocument.Parse(string, JsonDocumentOptions)"/>) by reading its tokens, without
    /// building a document: every decision record passes here, so the check must cost little.
    /// </summary>
    public static void RequireJson(ReadOnlySpan<byte> utf8, string what)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            throw new ArgumentException($"{what} is not valid JSON: the bytes are not valid UTF-8.", what);
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not valid JSON: {ex.Message}", what, ex);
        }
    }

    /// <inheritdoc cref="RequireJson(ReadOnlySpan{byte}, string)"/>
    public static void RequireJson(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json, what);
        byte[]? rented = null;
        try
        {
            var length = StrictUtf8.GetMaxByteCount(json.Length);
            Span<byte> utf8 = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
            var count = StrictUtf8.GetBytes(json, utf8);
            var reader = new Utf8JsonReader(utf8[..count], new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not valid JSON: {ex.Message}", what, ex);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"{what} is not valid JSON: {ex.Message}", what, ex);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
