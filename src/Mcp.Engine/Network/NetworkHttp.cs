using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mcp.Engine.Resilience;

namespace Mcp.Engine.Network;

/// <summary>One JSON request to an optional network source, through its resilience pipeline, with a bounded body.</summary>
internal sealed class NetworkHttp(DependencyResilience resilience, TimeProvider timeProvider)
{
    /// <summary>Largest body accepted from mempool.space or Amboss.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public Task<T> SendAsync<T>(
        string dependency,
        string label,
        HttpClient client,
        Func<HttpRequestMessage> createRequest,
        JsonTypeInfo<T> responseType,
        ResilienceSettings settings,
        CancellationToken cancellationToken,
        Func<T, T>? validate = null) =>
        resilience.ExecuteAsync(
            dependency,
            label,
            settings,
            repeatable: true,
            (failure, transient, reason, inner) => new DependencyException(dependency, failure, $"{label} ({dependency}) failed: {reason}", inner, transient),
            async token =>
            {
                using var request = createRequest();
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                if (!response.IsSuccessStatusCode)
                {
                    var (failure, transient) = FailureClassifier.FromStatus(response.StatusCode);
                    var text = await BoundedJson.ReadErrorTextAsync(response.Content, token);
                    var detail = text.Length > 0 ? $": {BoundedJson.Excerpt(text, 200)}" : "";
                    throw new DependencyException(
                        dependency,
                        failure,
                        $"{label} ({dependency}) answered HTTP {(int)response.StatusCode}{detail}",
                        null,
                        transient,
                        BoundedJson.RetryAfter(response.Headers, timeProvider.GetUtcNow()),
                        (int)response.StatusCode);
                }

                T value;
                try
                {
                    value = await BoundedJson.ReadAsync(response.Content, responseType, MaxBodyBytes, token);
                }
                catch (JsonException e)
                {
                    throw new DependencyException(dependency, FailureClass.Malformed, $"{label} ({dependency}) sent malformed JSON at {e.Path ?? "$"}", e);
                }
                catch (ResponseTooLargeException e)
                {
                    throw new DependencyException(dependency, FailureClass.Malformed, $"{label} ({dependency}): {e.Message}", e);
                }

                // Checks of the content run inside the attempt, so their failures are classified and counted too.
                return validate is null ? value : validate(value);
            },
            cancellationToken);
}
