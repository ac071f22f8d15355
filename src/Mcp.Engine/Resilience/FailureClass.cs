namespace Mcp.Engine.Resilience;

/// <summary>
/// How a call to a dependency failed. The label form (<see cref="FailureClassExtensions.ToLabel"/>)
/// is what metrics (<c>error_type</c>, <c>reason</c>), logs and alerts show.
/// </summary>
internal enum FailureClass
{
    Timeout,
    Connection,
    Tls,
    Auth,
    Http4xx,
    Http5xx,
    Malformed,
    Inconsistent,
    Disk,
    Unknown,
}
