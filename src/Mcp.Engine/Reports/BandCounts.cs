namespace Mcp.Engine.Reports;

/// <summary>Channels per score band (EXCELLENT ≥ .8, GOOD ≥ .7, AVERAGE ≥ .5, POOR ≥ .3, CRITICAL).</summary>
internal sealed record BandCounts(int Excellent, int Good, int Average, int Poor, int Critical);
