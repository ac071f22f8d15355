namespace Mcp.Engine.Alerts;

/// <summary>
/// The result of one evaluation: the conditions that hold now, and the rules whose inputs were
/// known (a firing alert of a rule that could not be evaluated, e.g. because the database was
/// unreachable, is neither reminded nor resolved).
/// </summary>
internal sealed record AlertEvaluation(IReadOnlyList<AlertCondition> Active, IReadOnlySet<string> EvaluatedRules);
