namespace Mcp.Engine.Resilience;

/// <summary>
/// A call to an external dependency (an LND node, mempool.space, Amboss) failed. Carries the
/// classification that metrics, logs, alerts and retry decisions use. Messages never contain
/// credentials (macaroons, API keys): only paths, endpoints and what the dependency said.
/// </summary>
internal class DependencyException : Exception
{
    public DependencyException()
        : this("unknown", FailureClass.Unknown, "The dependency call failed.")
    {
    }

    public DependencyException(string message)
        : this("unknown", FailureClass.Unknown, message)
    {
    }

    public DependencyException(string message, Exception innerException)
        : this("unknown", FailureClass.Unknown, message, innerException)
    {
    }

    public DependencyException(
        string dependency,
        FailureClass failure,
        string message,
        Exception? innerException = null,
        bool isTransient = false,
        TimeSpan? retryAfter = null,
        int? httpStatus = null)
        : base(message, innerException)
    {
        Dependency = dependency;
        Failure = failure;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
        HttpStatus = httpStatus;
    }

    /// <summary>The <c>dependency</c> label: <c>lnd:&lt;node id&gt;</c>, <c>mempool</c>, <c>amboss</c>.</summary>
    public string Dependency { get; }

    public FailureClass Failure { get; }

    /// <summary>
    /// True when repeating the same call later may succeed (timeouts, refused connections,
    /// 429, 502, 503, 504). Only such failures are retried, and only for calls that are safe
    /// to repeat.
    /// </summary>
    public bool IsTransient { get; }

    /// <summary>The delay the dependency asked for (HTTP <c>Retry-After</c>), when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The HTTP status of the response, when there was one.</summary>
    public int? HttpStatus { get; }

    /// <summary>
    /// Set once the failure is counted in <c>mcp_dependency_failures_total</c>, so a failure found
    /// by validation after the call (inconsistent data) is counted exactly once too.
    /// </summary>
    public bool Counted { get; set; }
}
