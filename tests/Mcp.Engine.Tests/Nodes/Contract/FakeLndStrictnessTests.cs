using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Mcp.TestKit.FakeLnd;

namespace Mcp.Engine.Tests.Nodes.Contract;

/// <summary>The fake refuses what LND refuses, the way LND refuses it (so client bugs cannot hide behind a lenient fake).</summary>
[TestFixture]
public sealed class FakeLndStrictnessTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private FakeLndServer _fake = null!;
    private HttpClient _http = null!;
    private FakeChannel _channel = null!;

    [SetUp]
    public async Task SetUp()
    {
        _fake = await FakeLndServer.StartAsync(FakeLndScenario.SingleChannel(Now, out _channel));
        var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(_fake.TlsCertPath)).RawData;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned);
        _http = new HttpClient(handler);
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Test]
    public async Task A_missing_macaroon_is_refused_like_lnd_does()
    {
        var (status, code, message) = await Send("GET", "/v1/getinfo", null, macaroon: null);

        Assert.That((status, code, message), Is.EqualTo((500, 2, "expected 1 macaroon, got 0")));
    }

    [Test]
    public async Task An_unknown_macaroon_fails_verification()
    {
        var (status, code, message) = await Send("GET", "/v1/getinfo", null, macaroon: "0201036c6e64");

        Assert.That((status, code), Is.EqualTo((500, 2)));
        Assert.That(message, Does.Contain("verification failed"));
    }

    [Test]
    public async Task A_read_only_macaroon_cannot_write()
    {
        var (status, code, message) = await Send("POST", "/v1/chanpolicy", Policy("\"fee_rate_ppm\":5,\"time_lock_delta\":40"), _fake.ReadOnlyMacaroonHex);

        Assert.That((status, code, message), Is.EqualTo((500, 2, "permission denied")));
    }

    [Test]
    public async Task Both_fee_rate_and_fee_rate_ppm_are_refused()
    {
        var (status, _, message) = await Send("POST", "/v1/chanpolicy", Policy("\"fee_rate\":0.0005,\"fee_rate_ppm\":500,\"time_lock_delta\":40"));

        Assert.That(status, Is.EqualTo(500));
        Assert.That(message, Does.Contain("cannot set both FeeRate and FeeRatePpm"));
    }

    [Test]
    public async Task A_time_lock_delta_below_the_minimum_is_refused()
    {
        var (status, _, message) = await Send("POST", "/v1/chanpolicy", Policy("\"fee_rate_ppm\":5,\"time_lock_delta\":17"));

        Assert.That(status, Is.EqualTo(500));
        Assert.That(message, Is.EqualTo("time lock delta of 17 is too small, minimum supported is 18"));
    }

    [Test]
    public async Task Positive_inbound_fees_are_refused_by_default()
    {
        var (status, _, message) = await Send("POST", "/v1/chanpolicy", Policy("\"fee_rate_ppm\":5,\"time_lock_delta\":40,\"inbound_fee\":{\"base_fee_msat\":0,\"fee_rate_ppm\":10}"));

        Assert.That(status, Is.EqualTo(500));
        Assert.That(message, Does.Contain("positive values for inbound fee"));
    }

    [Test]
    public async Task An_update_is_a_full_replacement_omitted_fields_become_zero()
    {
        _channel.LocalPolicy.BaseFeeMsat = 1000;

        var (status, _, _) = await Send("POST", "/v1/chanpolicy", Policy("\"fee_rate_ppm\":5,\"time_lock_delta\":40"));

        Assert.That(status, Is.EqualTo(200));
        Assert.That(_channel.LocalPolicy.BaseFeeMsat, Is.Zero, "LND: base_fee_msat omitted = 0");
        Assert.That(_channel.LocalPolicy.FeeRatePpm, Is.EqualTo(5));
    }

    [TestCase("{\"chan_point\":{\"funding_txid_str\":\"x\",\"output_index\":0},\"fee_rate_ppm\":5,\"time_lock_delta\":40,\"typo_field\":1}", "unknown field \"typo_field\"")]
    [TestCase("{\"fee_rate_ppm\":\"five\",\"time_lock_delta\":40}", "fee_rate_ppm")]
    [TestCase("{\"time_lock_delta\":true}", "time_lock_delta")]
    [TestCase("{\"chan_point\":{\"funding_txid_str\":\"x\",\"output_index\":0,\"extra\":1}}", "unknown field \"chan_point.extra\"")]
    [TestCase("not json", "syntax error")]
    public async Task Bodies_with_unknown_fields_or_wrong_types_are_invalid_arguments(string body, string expected)
    {
        var (status, code, message) = await Send("POST", "/v1/chanpolicy", body);

        Assert.That((status, code), Is.EqualTo((400, 3)));
        Assert.That(message, Does.Contain(expected));
    }

    [Test]
    public async Task Unknown_routes_methods_and_query_parameters_are_refused()
    {
        Assert.That((await Send("GET", "/v1/nope", null)).Status, Is.EqualTo(404));
        Assert.That((await Send("GET", "/v1/switch", null)).Status, Is.EqualTo(405));
        Assert.That(await Send("GET", "/v1/channels?activeonly=true", null), Is.EqualTo((400, 3, "type mismatch, parameter: activeonly, error: unknown query parameter")));
        Assert.That((await Send("GET", "/v1/channels?active_only=true", null)).Status, Is.EqualTo(200));
        Assert.That((await Send("GET", "/v1/graph/edge/12x3x4", null)).Status, Is.EqualTo(400), "chan_id is the decimal uint64 in the path");
    }

    [Test]
    public async Task A_policy_update_for_an_unknown_channel_is_a_failed_update_not_an_error()
    {
        using var response = await Raw("POST", "/v1/chanpolicy", "{\"chan_point\":{\"funding_txid_str\":\"" + new string('9', 64) + "\",\"output_index\":3},\"fee_rate_ppm\":5,\"time_lock_delta\":40}", _fake.AdminMacaroonHex);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var failure = document.RootElement.GetProperty("failed_updates")[0];
        Assert.That(failure.GetProperty("reason").GetString(), Is.EqualTo("UPDATE_FAILURE_NOT_FOUND"));
        Assert.That(failure.GetProperty("outpoint").GetProperty("txid_str").GetString(), Is.EqualTo(new string('9', 64)));
    }

    [Test]
    public async Task Forwarding_history_pages_follow_lnd()
    {
        _fake.State.Forwards.AddRange(Enumerable.Range(0, 250).Select(i => new FakeForward(Now - TimeSpan.FromMinutes(250 - i), _channel.ChanId, _channel.ChanId, 2000, 1000)));
        var start = FakeLndScenario.Seconds(Now - TimeSpan.FromDays(1));
        var end = FakeLndScenario.Seconds(Now);

        var defaultPage = await Json("POST", "/v1/switch", $"{{\"start_time\":\"{start}\",\"end_time\":\"{end}\"}}");
        var lastPage = await Json("POST", "/v1/switch", $"{{\"start_time\":\"{start}\",\"end_time\":\"{end}\",\"index_offset\":200,\"num_max_events\":100}}");

        Assert.That(defaultPage.GetProperty("forwarding_events").GetArrayLength(), Is.EqualTo(100), "LND answers 100 events when num_max_events is 0");
        Assert.That(defaultPage.GetProperty("last_offset_index").GetInt32(), Is.EqualTo(100));
        Assert.That(lastPage.GetProperty("forwarding_events").GetArrayLength(), Is.EqualTo(50));
        Assert.That(lastPage.GetProperty("last_offset_index").GetInt32(), Is.EqualTo(250));
    }

    private string Policy(string fields)
    {
        var (txid, index) = (_channel.ChannelPoint.Split(':')[0], _channel.ChannelPoint.Split(':')[1]);
        return $"{{\"chan_point\":{{\"funding_txid_str\":\"{txid}\",\"output_index\":{index}}},{fields}}}";
    }

    private async Task<(int Status, int Code, string Message)> Send(string method, string path, string? body, string? macaroon = "admin")
    {
        using var response = await Raw(method, path, body, macaroon == "admin" ? _fake.AdminMacaroonHex : macaroon);
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            return ((int)response.StatusCode, 0, "");
        }

        using var document = JsonDocument.Parse(text);
        return ((int)response.StatusCode, document.RootElement.GetProperty("code").GetInt32(), document.RootElement.GetProperty("message").GetString()!);
    }

    private async Task<JsonElement> Json(string method, string path, string body)
    {
        using var response = await Raw(method, path, body, _fake.AdminMacaroonHex);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private Task<HttpResponseMessage> Raw(string method, string path, string? body, string? macaroon)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_fake.BaseUrl, path.TrimStart('/')));
        if (macaroon is not null)
        {
            request.Headers.Add("Grpc-Metadata-macaroon", macaroon);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        return _http.SendAsync(request);
    }
}
