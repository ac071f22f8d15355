namespace Mcp.TestKit.FakeLnd;

/// <summary>
/// A misbehaviour of the fake LND for requests whose path starts with <see cref="PathPrefix"/>
/// (null = every request), for the next <see cref="Times"/> matching requests (null = until removed).
/// </summary>
internal sealed record FakeLndFault(FakeFaultKind Kind)
{
    public string? PathPrefix { get; init; }

    public int? Times { get; init; }

    public int StatusCode { get; init; } = 503;

    public int GrpcCode { get; init; } = 14;

    public string Message { get; init; } = "the server is not ready to handle requests";

    /// <summary>Sent as <c>Retry-After</c> seconds when set.</summary>
    public int? RetryAfterSeconds { get; init; }

    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How much a huge body sends at most.</summary>
    public long HugeBytes { get; init; } = 512L * 1024 * 1024;
}
