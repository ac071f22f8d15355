using System.Net.Http.Headers;
using System.Text.Json;
using Mcp.Engine.Configuration;
using Mcp.Engine.Network.Dto;
using Mcp.Engine.Resilience;
using Microsoft.Extensions.Options;

namespace Mcp.Engine.Network;

/// <summary>
/// Amboss GraphQL (<c>MCP_AMBOSS_API</c>, authenticated with <c>Authorization: Bearer
/// MCP_AMBOSS_API_KEY</c>; off without a key) for a peer's rank. The rank is the node's
/// position in Amboss's capacity ranking (<c>getNode.graph_info.metrics.capacity_rank</c>,
/// falling back to <c>channels_rank</c>). Amboss publishes no formal schema reference for these
/// fields: an answer without them, or with GraphQL errors, leaves the rank unknown.
/// </summary>
internal sealed class AmbossClient(IHttpClientFactory httpClientFactory, NetworkHttp http, IOptions<NetworkOptions> options)
{
    public const string HttpClientName = "mcp.amboss";

    public const string Dependency = "amboss";

    /// <summary>The GraphQL document sent for each node.</summary>
    public const string RankQuery =
        "query NodeRank($pubkey: String!) { getNode(pubkey: $pubkey) { graph_info { metrics { capacity_rank channels_rank } } } }";

    private static readonly ResilienceSettings Settings = ResilienceSettings.ForOptionalSource();

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.AmbossApiKey);

    /// <summary>The rank of a node, or null when Amboss has none for it.</summary>
    public async Task<int?> GetRankAsync(string pubkey, CancellationToken cancellationToken)
    {
        var key = options.Value.AmbossApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new AmbossRequest { Query = RankQuery, Variables = new AmbossVariables { Pubkey = pubkey } },
            NetworkJsonContext.Default.AmbossRequest);
        var answer = await http.SendAsync(
            Dependency,
            "POST graphql getNode",
            httpClientFactory.CreateClient(HttpClientName),
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.AmbossApi))
                {
                    Content = new ByteArrayContent(body),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                return request;
            },
            NetworkJsonContext.Default.AmbossResponse,
            Settings,
            cancellationToken,
            validate: response =>
            {
                _ = Rank(response, pubkey);
                return response;
            });
        return Rank(answer, pubkey);
    }

    /// <summary>The rank in an answer; throws (classified) for GraphQL errors and implausible values.</summary>
    private static int? Rank(AmbossResponse answer, string pubkey)
    {
        if (answer.Errors is { Count: > 0 } errors)
        {
            var messages = string.Join("; ", errors.Select(e => e.Message ?? "(no message)"));
            if (messages.Contains("not found", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (messages.Contains("unauthor", StringComparison.OrdinalIgnoreCase) || messages.Contains("forbidden", StringComparison.OrdinalIgnoreCase))
            {
                throw new DependencyException(Dependency, FailureClass.Auth, $"Amboss refused the API key: {BoundedJson.Excerpt(messages, 200)}");
            }

            throw new DependencyException(Dependency, FailureClass.Malformed, $"Amboss answered GraphQL errors: {BoundedJson.Excerpt(messages, 200)}");
        }

        var metrics = answer.Data?.GetNode?.GraphInfo?.Metrics;
        var rank = metrics?.CapacityRank ?? metrics?.ChannelsRank;
        if (rank is null)
        {
            return null;
        }

        if (double.IsNaN(rank.Value) || rank < 1 || rank > int.MaxValue)
        {
            throw new DependencyException(Dependency, FailureClass.Inconsistent, $"Amboss rank {rank} for {pubkey} is not a position");
        }

        return (int)Math.Round(rank.Value);
    }
}
