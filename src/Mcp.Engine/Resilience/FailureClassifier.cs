using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Mcp.Engine.Resilience;

/// <summary>
/// Maps what went wrong on the wire to a <see cref="FailureClass"/> and says whether a retry can
/// help. Pure: no I/O, no state.
/// </summary>
internal static class FailureClassifier
{
    /// <summary>Classifies an HTTP status code of a non-successful response.</summary>
    public static (FailureClass Failure, bool Transient) FromStatus(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => (FailureClass.Auth, false),
        408 => (FailureClass.Timeout, true),
        429 => (FailureClass.Http4xx, true),
        502 or 503 or 504 => (FailureClass.Http5xx, true),
        >= 400 and < 500 => (FailureClass.Http4xx, false),
        >= 500 => (FailureClass.Http5xx, false),
        _ => (FailureClass.Malformed, false),
    };

    /// <summary>
    /// Classifies an exception thrown by a call. <paramref name="attemptTimedOut"/> tells that the
    /// attempt's own timeout (not the caller) cancelled it.
    /// </summary>
    public static (FailureClass Failure, bool Transient) FromException(Exception exception, bool attemptTimedOut = false)
    {
        switch (exception)
        {
            case DependencyException dependency:
                return (dependency.Failure, dependency.IsTransient);
            case TimeoutRejectedException:
                return (FailureClass.Timeout, true);
            case BrokenCircuitException:
                return (FailureClass.Connection, false);
            case OperationCanceledException when attemptTimedOut:
                return (FailureClass.Timeout, true);
            case AuthenticationException:
                return (FailureClass.Tls, false);
            case JsonException:
                return (FailureClass.Malformed, false);
            case HttpRequestException http:
                return FromHttpRequestException(http);
            case SocketException:
                return (FailureClass.Connection, true);
            case IOException io when FindInner<AuthenticationException>(io) is not null:
                return (FailureClass.Tls, false);
            case IOException:
                // The connection broke while the body was read.
                return (FailureClass.Connection, true);
            default:
                return (FailureClass.Unknown, false);
        }
    }

    private static (FailureClass, bool) FromHttpRequestException(HttpRequestException http)
    {
        if (FindInner<AuthenticationException>(http) is not null)
        {
            return (FailureClass.Tls, false);
        }

        return http.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError => (FailureClass.Tls, false),
            HttpRequestError.NameResolutionError => (FailureClass.Connection, true),
            HttpRequestError.ConnectionError => (FailureClass.Connection, true),
            HttpRequestError.ProxyTunnelError => (FailureClass.Connection, true),
            HttpRequestError.ResponseEnded => (FailureClass.Connection, true),
            HttpRequestError.InvalidResponse => (FailureClass.Malformed, false),
            HttpRequestError.ConfigurationLimitExceeded => (FailureClass.Malformed, false),
            HttpRequestError.HttpProtocolError => (FailureClass.Malformed, false),
            _ when FindInner<SocketException>(http) is not null => (FailureClass.Connection, true),
            _ when FindInner<IOException>(http) is not null => (FailureClass.Connection, true),
            _ => (FailureClass.Unknown, false),
        };
    }

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
