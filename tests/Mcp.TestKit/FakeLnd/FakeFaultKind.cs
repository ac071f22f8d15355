namespace Mcp.TestKit.FakeLnd;

/// <summary>Ways the fake LND can misbehave.</summary>
internal enum FakeFaultKind
{
    /// <summary>Never answer (until the client gives up or the server stops).</summary>
    Hang,

    /// <summary>Answer after a real delay (server-side latency).</summary>
    Delay,

    /// <summary>An HTTP error with a gRPC status body (<see cref="FakeLndFault.StatusCode"/>, <see cref="FakeLndFault.GrpcCode"/>).</summary>
    Status,

    /// <summary>An HTTP error with a plain-text body, as a reverse proxy sends.</summary>
    PlainStatus,

    /// <summary>The correct JSON, cut in half (with a matching Content-Length).</summary>
    TruncatedJson,

    /// <summary>Not JSON at all.</summary>
    MalformedJson,

    /// <summary>Valid JSON with a field of the wrong JSON type.</summary>
    WrongTypes,

    /// <summary>An endless body (chunked, no Content-Length).</summary>
    HugeBody,

    /// <summary>A body announced by a huge Content-Length.</summary>
    HugeDeclaredBody,

    /// <summary>Channels whose local + remote balance exceeds the capacity.</summary>
    InconsistentBalances,

    /// <summary>Drop the connection without answering.</summary>
    AbortConnection,

    /// <summary>Process the request (a policy update is applied), then never answer: the outcome is lost.</summary>
    HangAfterHandling,
}
