using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mcp.Engine.Reports;

/// <summary>
/// Reads and writes <c>mcp.daily-report/1</c> documents and <c>mcp.daily-reports/1</c> bundles.
/// Output is indented UTF-8 with text left readable (no \u escapes: the files are read by tools
/// and people, never embedded in HTML).
/// </summary>
internal static class DailyReportJson
{
    private static readonly DailyReportJsonContext Context = new(new JsonSerializerOptions(DailyReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly DailyReportJsonContext Compact = new(new JsonSerializerOptions(DailyReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    });

    /// <summary>The document as stored (compact).</summary>
    public static string ToDocument(DailyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Compact.DailyReport);
    }

    public static byte[] ToIndentedUtf8(DailyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.SerializeToUtf8Bytes(report, Context.DailyReport);
    }

    public static byte[] ToIndentedUtf8(DailyReportBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return JsonSerializer.SerializeToUtf8Bytes(bundle, Context.DailyReportBundle);
    }

    public static void Write(DailyReportBundle bundle, Stream output)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        JsonSerializer.Serialize(output, bundle, Context.DailyReportBundle);
    }

    /// <summary>
    /// Writes a bundle (compact) around documents already serialized, as stored: no second
    /// serialization of the reports. Each document must be a JSON object (storage validates
    /// documents before it writes them).
    /// </summary>
    public static void WriteBundle(string userId, DateOnly reportDate, IReadOnlyList<string> documents, Stream output)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(documents);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("schema"u8, DailyReportBundle.SchemaId);
        writer.WriteString("user_id"u8, userId);
        writer.WriteString("report_date"u8, reportDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteStartArray("reports"u8);
        foreach (var document in documents)
        {
            writer.WriteRawValue(document, skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Parses a stored document; <see cref="ReportDocumentException"/> names what is wrong.</summary>
    public static DailyReport Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var report = JsonSerializer.Deserialize(json, Context.DailyReport)
                ?? throw new ReportDocumentException("the report document is null");
            return report.Schema == DailyReport.SchemaId
                ? report
                : throw new ReportDocumentException($"the report document's schema is '{report.Schema}', expected '{DailyReport.SchemaId}'");
        }
        catch (JsonException e)
        {
            throw new ReportDocumentException($"the report document is not valid {DailyReport.SchemaId}: {e.Message}", e);
        }
    }

    /// <summary>Parses a bundle file's content.</summary>
    public static DailyReportBundle ParseBundle(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var bundle = JsonSerializer.Deserialize(utf8, Context.DailyReportBundle)
                ?? throw new ReportDocumentException("the report file is null");
            return bundle.Schema == DailyReportBundle.SchemaId
                ? bundle
                : throw new ReportDocumentException($"the report file's schema is '{bundle.Schema}', expected '{DailyReportBundle.SchemaId}'");
        }
        catch (JsonException e)
        {
            throw new ReportDocumentException($"the report file is not valid {DailyReportBundle.SchemaId}: {e.Message}", e);
        }
    }

    /// <summary>The date and summary of a stored document (what trends need); the rest is skipped.</summary>
    public static ReportHeadline ParseHeadline(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, Context.ReportHeadline)
                ?? throw new ReportDocumentException("the report document is null");
        }
        catch (JsonException e)
        {
            throw new ReportDocumentException($"the report document has no readable date and summary: {e.Message}", e);
        }
    }
}
