using Mcp.Engine.Configuration;
using Mcp.Engine.Network.Dto;
using Mcp.Engine.Resilience;
using Microsoft.Extensions.Options;

namespace Mcp.Engine.Network;

/// <summary>
/// mempool.space REST (or a self-hosted instance at <c>MCP_MEMPOOL_API</c>, e.g.
/// <c>https://mempool.space/api</c>): recommended on-chain fees and lightning statistics.
/// </summary>
internal sealed class MempoolClient(IHttpClientFactory httpClientFactory, NetworkHttp http, IOptions<NetworkOptions> options)
{
    /// <summary>The named <see cref="HttpClient"/> of this source.</summary>
    public const string HttpClientName = "mcp.mempool";

    public const string Dependency = "mempool";

    private static readonly ResilienceSettings Settings = ResilienceSettings.ForOptionalSource();

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.MempoolApi);

    /// <summary><c>GET {base}/v1/fees/recommended</c>.</summary>
    public async Task<OnChainFees> GetRecommendedFeesAsync(CancellationToken cancellationToken)
    {
        var fees = await http.SendAsync(
            Dependency,
            "GET /v1/fees/recommended",
            httpClientFactory.CreateClient(HttpClientName),
            () => new HttpRequestMessage(HttpMethod.Get, Endpoint("v1/fees/recommended")),
            NetworkJsonContext.Default.MempoolRecommendedFees,
            Settings,
            cancellationToken,
            validate: answer => answer.FastestFee < 0 || answer.HalfHourFee < 0 || answer.HourFee < 0 || answer.EconomyFee < 0 || answer.MinimumFee < 0
                ? throw new DependencyException(Dependency, FailureClass.Inconsistent, "mempool recommended fees contain a negative rate")
                : answer);

        return new OnChainFees(fees.FastestFee, fees.HalfHourFee, fees.HourFee, fees.EconomyFee, fees.MinimumFee);
    }

    /// <summary><c>GET {base}/v1/lightning/statistics/latest</c> → the network's median fees.</summary>
    public async Task<NetworkFeeMedians> GetLightningMediansAsync(CancellationToken cancellationToken)
    {
        var statistics = await http.SendAsync(
            Dependency,
            "GET /v1/lightning/statistics/latest",
            httpClientFactory.CreateClient(HttpClientName),
            () => new HttpRequestMessage(HttpMethod.Get, Endpoint("v1/lightning/statistics/latest")),
            NetworkJsonContext.Default.MempoolLightningStatisticsResponse,
            Settings,
            cancellationToken,
            validate: answer => answer.Latest is { MedFeeRate: >= 0 and <= uint.MaxValue, MedBaseFeeMtokens: >= 0 and <= uint.MaxValue }
                ? answer
                : throw new DependencyException(
                    Dependency,
                    FailureClass.Inconsistent,
                    $"mempool lightning statistics hold implausible medians ({answer.Latest.MedBaseFeeMtokens} msat, {answer.Latest.MedFeeRate} ppm)"));
        var latest = statistics.Latest;

        return new NetworkFeeMedians(
            (long)Math.Round(latest.MedBaseFeeMtokens),
            (long)Math.Round(latest.MedFeeRate),
            latest.ChannelCount > 0 ? latest.ChannelCount : null);
    }

    private Uri Endpoint(string relative)
    {
        var root = options.Value.MempoolApi!.Trim();
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), relative);
    }
}
