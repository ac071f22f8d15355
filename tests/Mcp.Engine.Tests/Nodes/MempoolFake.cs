using Mcp.TestKit.Connectors;

namespace Mcp.Engine.Tests.Nodes;

/// <summary>Canned mempool.space answers (shapes from mempool's API documentation).</summary>
internal static class MempoolFake
{
    public const string Statistics =
        """{"latest":{"id":1590,"added":"2026-05-31T00:00:00.000Z","channel_count":48213,"node_count":12987,"total_capacity":503412345678,"tor_nodes":8000,"clearnet_nodes":3000,"unannounced_nodes":900,"avg_capacity":10441234,"avg_fee_rate":497,"avg_base_fee_mtokens":780,"med_capacity":3000000,"med_fee_rate":40,"med_base_fee_mtokens":100,"clearnet_tor_nodes":1087},"previous":{"id":1589,"added":"2026-05-30T00:00:00.000Z","channel_count":48200,"node_count":12980,"total_capacity":503000000000,"tor_nodes":8000,"clearnet_nodes":3000,"unannounced_nodes":900,"avg_capacity":10400000,"avg_fee_rate":495,"avg_base_fee_mtokens":781,"med_capacity":3000000,"med_fee_rate":40,"med_base_fee_mtokens":100,"clearnet_tor_nodes":1087}}""";

    public const string RecommendedFees = """{"fastestFee":12,"halfHourFee":9,"hourFee":7,"economyFee":3,"minimumFee":1}""";

    public static async Task<FakeJsonServer> StartAsync()
    {
        var server = await FakeJsonServer.StartAsync();
        server.On("GET", "/api/v1/lightning/statistics/latest", 200, Statistics);
        server.On("GET", "/api/v1/fees/recommended", 200, RecommendedFees);
        return server;
    }

    public static string ApiBase(FakeJsonServer server) => new Uri(server.BaseUrl, "api").ToString();
}
