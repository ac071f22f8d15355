using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mcp.Engine.Nodes.Lnd.Dto;
using Mcp.Engine.Resilience;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>
/// HTTP exchange with one LND node's REST API: authentication (the macaroon file is read at each
/// request and sent hex-encoded in <c>Grpc-Metadata-macaroon</c>; it never reaches a log, a
/// message or an exception), bounded JSON bodies, gRPC error bodies turned into typed
/// <see cref="NodeException"/>s, and every call run through the node's resilience pipeline.
/// </summary>
internal sealed class LndTransport(
    string nodeId,
    LndEndpoint endpoint,
    HttpClient httpClient,
    PinnedCertificateValidator certificateValidator,
    DependencyResilience resilience,
    ResilienceSettings resilienceSettings,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>The header LND's REST gateway reads the macaroon from.</summary>
    public const string MacaroonHeader = "Grpc-Metadata-macaroon";

    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    private readonly Uri _baseUri = endpoint.RestUrl.AbsoluteUri.EndsWith('/') ? endpoint.RestUrl : new Uri(endpoint.RestUrl.AbsoluteUri + "/");

    public string NodeId => nodeId;

    public string Dependency { get; } = NodeException.DependencyLabel(nodeId);

    /// <summary>A repeatable GET (retried on transient failures).</summary>
    public Task<T> GetAsync<T>(string template, string path, JsonTypeInfo<T> responseType, long limitBytes, RequestTally? tally, CancellationToken cancellationToken)
        where T : class =>
        SendAsync(HttpMethod.Get, $"GET {template}", path, content: null, responseType, limitBytes, repeatable: true, allowNotFound: false, tally, cancellationToken)!;

    /// <summary>
    /// A repeatable GET for which "not found" is a normal answer (a peer the graph does not know):
    /// null, not a failure, so it counts neither as a dependency failure nor against the circuit.
    /// </summary>
    public Task<T?> GetOrNullAsync<T>(string template, string path, JsonTypeInfo<T> responseType, long limitBytes, RequestTally? tally, CancellationToken cancellationToken)
        where T : class =>
        SendAsync(HttpMethod.Get, $"GET {template}", path, content: null, responseType, limitBytes, repeatable: true, allowNotFound: true, tally, cancellationToken);

    /// <summary>A POST; retried on transient failures only when <paramref name="repeatable"/> (a read such as /v1/switch).</summary>
    public Task<TResponse> PostAsync<TRequest, TResponse>(
        string template,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        long limitBytes,
        bool repeatable,
        RequestTally? tally,
        CancellationToken cancellationToken)
        where TResponse : class =>
        SendAsync(HttpMethod.Post, $"POST {template}", template, JsonSerializer.SerializeToUtf8Bytes(body, requestType), responseType, limitBytes, repeatable, allowNotFound: false, tally, cancellationToken)!;

    private async Task<T?> SendAsync<T>(
        HttpMethod method,
        string label,
        string path,
        byte[]? content,
        JsonTypeInfo<T> responseType,
        long limitBytes,
        bool repeatable,
        bool allowNotFound,
        RequestTally? tally,
        CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await resilience.ExecuteAsync<T?>(
                Dependency,
                label,
                resilienceSettings,
                repeatable,
                (failure, transient, reason, inner) => Fail(label, failure, transient, reason, inner),
                async token =>
                {
                    tally?.Increment();
                    using var request = new HttpRequestMessage(method, new Uri(_baseUri, path.TrimStart('/')));
                    request.Headers.Accept.Add(JsonMediaType);
                    request.Headers.TryAddWithoutValidation(MacaroonHeader, await ReadMacaroonHexAsync(label, token));
                    if (content is not null)
                    {
                        request.Content = new ByteArrayContent(content);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    }

                    using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                    if (!response.IsSuccessStatusCode)
                    {
                        var error = await ErrorFromResponseAsync(label, response, token);
                        if (allowNotFound && error.IsNotFound)
                        {
                            return null;
                        }

                        throw error;
                    }

                    try
                    {
                        return await BoundedJson.ReadAsync(response.Content, responseType, limitBytes, token);
                    }
                    catch (JsonException e)
                    {
                        throw Fail(label, FailureClass.Malformed, false, $"malformed JSON at {e.Path ?? "$"}: {FirstSentence(e.Message)}", e);
                    }
                    catch (ResponseTooLargeException e)
                    {
                        throw Fail(label, FailureClass.Malformed, false, e.Message, e);
                    }
                },
                cancellationToken);
        }
        catch (NodeException e)
        {
            var failureLabel = e.Failure.ToLabel();
            LndLog.CallFailed(logger, nodeId, label, failureLabel, e.Message);
            throw;
        }
    }

    private async Task<string> ReadMacaroonHexAsync(string label, CancellationToken cancellationToken)
    {
        byte[] macaroon;
        try
        {
            macaroon = await File.ReadAllBytesAsync(endpoint.MacaroonPath, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(label, FailureClass.Auth, false, $"cannot read the macaroon file '{endpoint.MacaroonPath}': {e.Message}", e);
        }

        if (macaroon.Length == 0)
        {
            throw Fail(label, FailureClass.Auth, false, $"the macaroon file '{endpoint.MacaroonPath}' is empty", null);
        }

        return Convert.ToHexStringLower(macaroon);
    }

    private async Task<NodeException> ErrorFromResponseAsync(string label, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var (failure, transient) = FailureClassifier.FromStatus(response.StatusCode);
        var retryAfter = BoundedJson.RetryAfter(response.Headers, timeProvider.GetUtcNow());
        string text;
        try
        {
            text = await BoundedJson.ReadErrorTextAsync(response.Content, cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            text = "";
        }

        LndRpcStatus? rpc = null;
        try
        {
            rpc = text.Length > 0 ? JsonSerializer.Deserialize(text, LndJsonContext.Default.LndRpcStatus) : null;
        }
        catch (JsonException)
        {
            // Not a gRPC status body (a proxy's page, a truncated body): the HTTP status decides.
        }

        string detail;
        if (rpc is { Message: { } message })
        {
            var shortMessage = BoundedJson.Excerpt(message);
            detail = $"HTTP {status}, gRPC code {rpc.Code}: {shortMessage}";

            // The exception message stays on one line (logs); GrpcMessage keeps LND's text as it was (bounded).
            var verbatim = message.Length <= 1000 ? message : string.Concat(message.AsSpan(0, 1000), "…");
            if (IsAuthFailure(rpc.Code, message))
            {
                (failure, transient) = (FailureClass.Auth, false);
            }
            else if (rpc.Code == 14)
            {
                (failure, transient) = (FailureClass.Http5xx, true);
            }
            else if (rpc.Code == 4)
            {
                (failure, transient) = (FailureClass.Timeout, true);
            }

            return new NodeException(
                nodeId, label, failure, $"{label} on node '{nodeId}' failed: {detail}", null, transient, retryAfter, status, rpc.Code, verbatim);
        }

        detail = text.Length > 0 ? $"HTTP {status}: {BoundedJson.Excerpt(text, 200)}" : $"HTTP {status}";
        return new NodeException(nodeId, label, failure, $"{label} on node '{nodeId}' failed: {detail}", null, transient, retryAfter, status);
    }

    /// <summary>LND reports macaroon problems as gRPC UNKNOWN (HTTP 500) with these messages.</summary>
    private static bool IsAuthFailure(int code, string message) =>
        code is 7 or 16
        || message.Contains("macaroon", StringComparison.OrdinalIgnoreCase)
        || message.Contains("permission denied", StringComparison.OrdinalIgnoreCase)
        || message.Contains("verification failed", StringComparison.OrdinalIgnoreCase);

    private NodeException Fail(string label, FailureClass failure, bool transient, string reason, Exception? inner)
    {
        if (inner is NodeException already)
        {
            return already;
        }

        var text = failure switch
        {
            FailureClass.Tls => $"TLS handshake with {endpoint.RestUrl.GetLeftPart(UriPartial.Authority)} refused: {certificateValidator.LastRejection ?? reason}",
            FailureClass.Connection => $"cannot reach {endpoint.RestUrl.GetLeftPart(UriPartial.Authority)}: {reason}",
            _ => reason,
        };
        return new NodeException(nodeId, label, failure, $"{label} on node '{nodeId}' failed: {text}", inner, transient);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
