namespace Mcp.Engine.Storage;

/// <summary>Result of a claim attempt.</summary>
internal enum ReportClaimOutcome
{
    /// <summary>This caller now generates the report.</summary>
    Claimed,

    /// <summary>The report exists and is completed; nothing to do.</summary>
    AlreadyCompleted,

    /// <summary>Another claim is generating it and is not stale.</summary>
    InProgress,

    /// <summary>The attempt budget is spent; the report stays failed.</summary>
    AttemptsExhausted,
}
