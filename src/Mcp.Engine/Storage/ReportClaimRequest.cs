namespace Mcp.Engine.Storage;

/// <summary>Parameters of <see cref="IReportStore.TryClaimAsync"/>.</summary>
internal sealed record ReportClaimRequest
{
    /// <summary>Who claims (instance id); recorded for operators.</summary>
    public required string Owner { get; init; }

    /// <summary>The fencing token of the report lease (<see cref="Coordination.LeaseResources.Report"/>).</summary>
    public required long FencingToken { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>A <c>generating</c> claim older than this is taken to be abandoned (its process died) and can be taken over.</summary>
    public required TimeSpan StaleAfter { get; init; }

    /// <summary>Total attempts allowed for this report over all runs; <c>null</c> = no limit.</summary>
    public int? MaxAttempts { get; init; }

    public string? TenantId { get; init; }
}
