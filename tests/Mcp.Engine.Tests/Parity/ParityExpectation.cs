using System.Text.Json;

namespace Mcp.Engine.Tests.Parity;

/// <summary>The original engine's result for one channel: its 8 scores (in weight order), total, decision, confidence and params.</summary>
internal sealed record ParityExpectation(double[] Scores, double TotalScore, string Decision, double Confidence, JsonElement Params);
