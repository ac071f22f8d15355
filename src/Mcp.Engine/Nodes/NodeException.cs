using Mcp.Engine.Resilience;

namespace Mcp.Engine.Nodes;

/// <summary>
/// A call to a node failed: unreachable, refused, or it answered something unusable. Carries the
/// failure class and, when LND answered with a gRPC status body, its <c>code</c> and
/// <c>message</c>. A collection that throws this produced no snapshot at all.
/// </summary>
internal sealed class NodeException : DependencyException
{
    public NodeException()
        : this("unknown", "", FailureClass.Unknown, "The node call failed.")
    {
    }

    public NodeException(string message)
        : this("unknown", "", FailureClass.Unknown, message)
    {
    }

    public NodeException(string message, Exception innerException)
        : this("unknown", "", FailureClass.Unknown, message, innerException)
    {
    }

    public NodeException(
        string nodeId,
        string endpoint,
        FailureClass failure,
        string message,
        Exception? innerException = null,
        bool isTransient = false,
        TimeSpan? retryAfter = null,
        int? httpStatus = null,
        int? grpcCode = null,
        string? grpcMessage = null)
        : base(DependencyLabel(nodeId), failure, message, innerException, isTransient, retryAfter, httpStatus)
    {
        NodeId = nodeId;
        Endpoint = endpoint;
        GrpcCode = grpcCode;
        GrpcMessage = grpcMessage;
    }

    public string NodeId { get; }

    /// <summary>The call, e.g. <c>GET /v1/channels</c>; empty when not tied to one call.</summary>
    public string Endpoint { get; }

    /// <summary>gRPC status code from LND's error body (2 unknown, 3 invalid argument, 5 not found, 14 unavailable, ...).</summary>
    public int? GrpcCode { get; }

    /// <summary>LND's error message, verbatim (shortened).</summary>
    public string? GrpcMessage { get; }

    /// <summary>The thing asked for does not exist (HTTP 404, gRPC NOT_FOUND, or LND's "not found" messages).</summary>
    public bool IsNotFound =>
        HttpStatus == 404
        || GrpcCode == 5
        || (GrpcMessage is { } m && (m.Contains("not found", StringComparison.OrdinalIgnoreCase)
                                     || m.Contains("unable to find node", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The <c>dependency</c> metric label of a node.</summary>
    public static string DependencyLabel(string nodeId) => $"lnd:{nodeId}";
}
