using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Mcp.Engine.Nodes;
using Mcp.Engine.Nodes.Lnd.Dto;
using Mcp.Engine.Snapshots;
using Mcp.TestKit.Connectors;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;

namespace Mcp.Engine.Tests.Nodes.Contract;

/// <summary>
/// The LND client against LND's swagger (the copy in the test kit): every request it sends and
/// every message it parses, field by field and JSON type by JSON type; and the fake LND's
/// answers against the same swagger, so the fake cannot drift from LND either.
/// </summary>
[TestFixture]
public sealed class LndContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SwaggerContract Swagger = SwaggerContract.Load();

    private static readonly Dictionary<Type, string> Definitions = new()
    {
        [typeof(LndGetInfoResponse)] = "lnrpcGetInfoResponse",
        [typeof(LndChain)] = "lnrpcChain",
        [typeof(LndListChannelsResponse)] = "lnrpcListChannelsResponse",
        [typeof(LndChannel)] = "lnrpcChannel",
        [typeof(LndFeeReportResponse)] = "lnrpcFeeReportResponse",
        [typeof(LndChannelFeeReport)] = "lnrpcChannelFeeReport",
        [typeof(LndChannelEdge)] = "lnrpcChannelEdge",
        [typeof(LndRoutingPolicy)] = "lnrpcRoutingPolicy",
        [typeof(LndNodeInfo)] = "lnrpcNodeInfo",
        [typeof(LndLightningNode)] = "lnrpcLightningNode",
        [typeof(LndForwardingHistoryRequest)] = "lnrpcForwardingHistoryRequest",
        [typeof(LndForwardingHistoryResponse)] = "lnrpcForwardingHistoryResponse",
        [typeof(LndForwardingEvent)] = "lnrpcForwardingEvent",
        [typeof(LndPolicyUpdateRequest)] = "lnrpcPolicyUpdateRequest",
        [typeof(LndChannelPoint)] = "lnrpcChannelPoint",
        [typeof(LndInboundFee)] = "lnrpcInboundFee",
        [typeof(LndPolicyUpdateResponse)] = "lnrpcPolicyUpdateResponse",
        [typeof(LndFailedUpdate)] = "lnrpcFailedUpdate",
        [typeof(LndOutPoint)] = "lnrpcOutPoint",
        [typeof(LndRpcStatus)] = "rpcStatus",
    };

    public static IEnumerable<TestCaseData> Messages() =>
        Definitions.Select(d => new TestCaseData(d.Key.Name).SetName($"Contract_{d.Key.Name}_matches_{d.Value}"));

    [TestCaseSource(nameof(Messages))]
    public void Every_field_the_client_reads_or_writes_exists_in_the_swagger_with_its_json_type(string typeName)
    {
        var type = Definitions.Keys.Single(t => t.Name == typeName);
        var definition = Definitions[type];
        var info = LndJsonContext.Default.GetTypeInfo(type)!;
        Assert.That(info.Properties, Is.Not.Empty);
        foreach (var property in info.Properties)
        {
            var declared = Swagger.Property(definition, property.Name);
            Assert.That(declared, Is.Not.Null, $"{type.Name}.{property.Name} is not a field of {definition}");
            var (jsonType, format, reference) = declared!.Value;
            var clr = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var handling = property.NumberHandling ?? JsonNumberHandling.Strict;
            var where = $"{type.Name}.{property.Name} ({jsonType}{(format is null ? "" : $"({format})")})";
            switch (jsonType)
            {
                case "string" when format is "int64" or "uint64":
                    Assert.That(clr, Is.EqualTo(format == "int64" ? typeof(long) : typeof(ulong)), where);
                    Assert.That(handling.HasFlag(JsonNumberHandling.WriteAsString) && handling.HasFlag(JsonNumberHandling.AllowReadingFromString), Is.True, $"{where}: 64-bit integers are JSON strings both ways");
                    break;
                case "string":
                    Assert.That(clr, Is.EqualTo(typeof(string)), where);
                    break;
                case "integer":
                    Assert.That(clr, Is.AnyOf(typeof(int), typeof(uint), typeof(long)), where);
                    Assert.That(handling.HasFlag(JsonNumberHandling.WriteAsString), Is.False, $"{where}: a 32-bit integer is a JSON number");
                    break;
                case "number":
                    Assert.That(clr, Is.EqualTo(typeof(double)), where);
                    break;
                case "boolean":
                    Assert.That(clr, Is.EqualTo(typeof(bool)), where);
                    break;
                case "object":
                    Assert.That(Definitions.TryGetValue(clr, out var nested) ? nested : null, Is.EqualTo(reference), where);
                    break;
                case "array":
                    var item = clr.GetGenericArguments().Single();
                    if (reference is not null)
                    {
                        Assert.That(Definitions.TryGetValue(item, out var itemDefinition) ? itemDefinition : null, Is.EqualTo(reference), where);
                    }

                    break;
                default:
                    Assert.Fail($"{where}: unexpected swagger type");
                    break;
            }
        }
    }

    [Test]
    public void Sixty_four_bit_fields_are_read_from_strings_or_numbers_and_wrong_types_are_refused()
    {
        const string asStrings = """{"channel_id":"893182672535355392","chan_point":"x:0","node1_pub":"a","node2_pub":"b","capacity":"5000000","last_update":1700000000,"node1_policy":null,"node2_policy":null}""";
        const string asNumbers = """{"channel_id":893182672535355392,"chan_point":"x:0","node1_pub":"a","node2_pub":"b","capacity":5000000,"last_update":1700000000,"node1_policy":null,"node2_policy":null}""";
        const string wrongType = """{"channel_id":true,"chan_point":"x:0","node1_pub":"a","node2_pub":"b","capacity":"5000000","last_update":1700000000}""";
        const string missing = """{"chan_point":"x:0","node1_pub":"a","node2_pub":"b"}""";
        const string nullString = """{"channel_id":"1","chan_point":null,"node1_pub":"a","node2_pub":"b"}""";

        Assert.That(JsonSerializer.Deserialize(asStrings, LndJsonContext.Default.LndChannelEdge)!.ChannelId, Is.EqualTo(893182672535355392UL));
        Assert.That(JsonSerializer.Deserialize(asNumbers, LndJsonContext.Default.LndChannelEdge)!.Capacity, Is.EqualTo(5_000_000));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(wrongType, LndJsonContext.Default.LndChannelEdge));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(missing, LndJsonContext.Default.LndChannelEdge));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(nullString, LndJsonContext.Default.LndChannelEdge));
    }

    [Test]
    public void A_policy_update_is_written_with_64_bit_strings_and_32_bit_numbers()
    {
        var request = new LndPolicyUpdateRequest
        {
            ChanPoint = new LndChannelPoint { FundingTxidStr = new string('a', 64), OutputIndex = 1 },
            BaseFeeMsat = 1000,
            FeeRatePpm = 250,
            TimeLockDelta = 80,
            MaxHtlcMsat = 990_000_000,
            MinHtlcMsat = 1000,
            MinHtlcMsatSpecified = true,
        };

        var json = JsonSerializer.Serialize(request, LndJsonContext.Default.LndPolicyUpdateRequest);

        Assert.That(json, Is.EqualTo(
            "{\"chan_point\":{\"funding_txid_str\":\"" + new string('a', 64) + "\",\"output_index\":1},\"base_fee_msat\":\"1000\",\"fee_rate_ppm\":250,\"time_lock_delta\":80,"
            + "\"max_htlc_msat\":\"990000000\",\"min_htlc_msat\":\"1000\",\"min_htlc_msat_specified\":true}"));
        using var document = JsonDocument.Parse(json);
        Assert.That(Swagger.Check(document.RootElement, Swagger.Definition("lnrpcPolicyUpdateRequest"), "$"), Is.Empty);
    }

    [Test]
    public async Task Every_request_the_client_sends_matches_the_swagger()
    {
        var state = FakeLndScenario.Build(channels: 25, forwards: 300, Now);
        state.Channels[0].InFeeReport = false;
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        var client = host.Client(fake.Definition());

        await client.CollectSnapshotAsync(CancellationToken.None);
        await client.ApplyPolicyAsync(
            new PolicyChange { ChannelId = new ShortChannelId(state.Channels[1].ChanId), Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 10 } },
            CancellationToken.None);
        await client.ApplyPolicyAsync(
            new PolicyChange
            {
                ChannelId = new ShortChannelId(state.Channels[2].ChanId),
                Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 10, InboundBaseFeeMsat = -1, InboundFeeRatePpm = -2 },
                ManageInbound = true,
            },
            CancellationToken.None);

        var requests = fake.Requests;
        Assert.That(requests.Select(r => Swagger.FindOperation(r.Method, r.Path)?.Template).Distinct(), Is.EquivalentTo(new[]
        {
            "/v1/getinfo", "/v1/channels", "/v1/fees", "/v1/switch", "/v1/graph/node/{pub_key}", "/v1/graph/edge/{chan_id}", "/v1/chanpolicy",
        }));
        foreach (var request in requests)
        {
            Assert.That(Swagger.CheckRequest(request), Is.Empty, request.ToString());
            Assert.That(request.Macaroon, Is.EqualTo(fake.AdminMacaroonHex), "the macaroon file's bytes, hex-encoded, in Grpc-Metadata-macaroon");
        }
    }

    public static IEnumerable<TestCaseData> FakeRoutes()
    {
        yield return new TestCaseData("GET", "/v1/getinfo", null).SetName("Fake_getinfo_matches_the_swagger");
        yield return new TestCaseData("GET", "/v1/channels", null).SetName("Fake_channels_matches_the_swagger");
        yield return new TestCaseData("GET", "/v1/fees", null).SetName("Fake_fees_matches_the_swagger");
        yield return new TestCaseData("GET", "/v1/graph/edge/{chan_id}", null).SetName("Fake_edge_matches_the_swagger");
        yield return new TestCaseData("GET", "/v1/graph/node/{pub_key}", null).SetName("Fake_node_matches_the_swagger");
        yield return new TestCaseData("POST", "/v1/switch", "{\"start_time\":\"0\",\"end_time\":\"0\",\"num_max_events\":100}").SetName("Fake_switch_matches_the_swagger");
        yield return new TestCaseData("POST", "/v1/chanpolicy", "{\"chan_point\":{\"funding_txid_str\":\"" + new string('0', 64) + "\",\"output_index\":0},\"fee_rate_ppm\":5,\"time_lock_delta\":40}").SetName("Fake_chanpolicy_matches_the_swagger");
    }

    [TestCaseSource(nameof(FakeRoutes))]
    public async Task The_fake_answers_in_lnds_shapes(string method, string template, string? body)
    {
        var state = FakeLndScenario.Build(channels: 6, forwards: 50, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        var path = template
            .Replace("{chan_id}", state.Channels[0].ChanId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{pub_key}", state.GraphNodes.Keys.First(), StringComparison.Ordinal);
        using var http = RawClient(fake);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(fake.BaseUrl, path.TrimStart('/')));
        request.Headers.Add("Grpc-Metadata-macaroon", fake.AdminMacaroonHex);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        Assert.That(Swagger.CheckResponse(method, path, text), Is.Empty);
    }

    [Test]
    public async Task The_fake_writes_every_field_of_the_messages_the_client_reads()
    {
        var state = FakeLndScenario.Build(channels: 3, forwards: 5, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var http = RawClient(fake);
        var samples = new Dictionary<string, JsonElement>
        {
            ["lnrpcGetInfoResponse"] = await Get(http, fake, "/v1/getinfo"),
            ["lnrpcChannel"] = (await Get(http, fake, "/v1/channels")).GetProperty("channels")[0],
            ["lnrpcChannelFeeReport"] = (await Get(http, fake, "/v1/fees")).GetProperty("channel_fees")[0],
            ["lnrpcChannelEdge"] = await Get(http, fake, $"/v1/graph/edge/{state.Channels[0].ChanId}"),
            ["lnrpcRoutingPolicy"] = (await Get(http, fake, $"/v1/graph/edge/{state.Channels[0].ChanId}")).GetProperty("node1_policy"),
            ["lnrpcNodeInfo"] = await Get(http, fake, $"/v1/graph/node/{state.GraphNodes.Keys.First()}"),
        };

        foreach (var (definition, sample) in samples)
        {
            var declared = Swagger.Definition(definition).GetProperty("properties").EnumerateObject().Select(p => p.Name);
            var written = sample.EnumerateObject().Select(p => p.Name).ToHashSet();
            var missing = declared.Where(name => !written.Contains(name) && !Optional.Contains($"{definition}.{name}")).ToList();
            Assert.That(missing, Is.Empty, $"{definition}: LND emits every field (EmitUnpopulated); the fake omits these");
        }
    }

    // Fields the fake leaves out on purpose: newer or niche fields the client never reads.
    private static readonly HashSet<string> Optional =
    [
        "lnrpcGetInfoResponse.graph_cache_status",
        "lnrpcChannelEdge.auth_proof",
    ];

    private static async Task<JsonElement> Get(HttpClient http, FakeLndServer fake, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fake.BaseUrl, path.TrimStart('/')));
        request.Headers.Add("Grpc-Metadata-macaroon", fake.AdminMacaroonHex);
        using var response = await http.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static HttpClient RawClient(FakeLndServer fake)
    {
        var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(fake.TlsCertPath)).RawData;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned);
        return new HttpClient(handler);
    }
}
