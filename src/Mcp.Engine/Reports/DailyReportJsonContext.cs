using System.Text.Json.Serialization;

namespace Mcp.Engine.Reports;

/// <summary>Source-generated (de)serialization of the report documents: snake_case names, nulls written out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(DailyReport))]
[JsonSerializable(typeof(DailyReportBundle))]
[JsonSerializable(typeof(ReportHeadline))]
internal sealed partial class DailyReportJsonContext : JsonSerializerContext;
