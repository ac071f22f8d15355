using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mcp.Engine.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mcp.TestKit.FakeLnd;

/// <summary>
/// A strict fake LND REST server for tests: real HTTPS on 127.0.0.1 (Kestrel) with a self-signed
/// certificate written to <see cref="TlsCertPath"/>, macaroon files with LND's permission model
/// (admin, and read-only <c>info:read offchain:read</c>), answers shaped exactly as LND's swagger
/// (64-bit integers as strings), every request recorded, <c>POST /v1/chanpolicy</c> applied to the
/// state with LND's semantics (full replacement; refusals such as both <c>fee_rate</c> and
/// <c>fee_rate_ppm</c>, <c>time_lock_delta</c> below the minimum, positive inbound fees), and
/// misbehaviour on demand (<see cref="AddFault"/>). Strict: what LND refuses, the fake refuses
/// (unknown routes, unknown query parameters, unknown body fields, wrong JSON types, a missing,
/// unknown or insufficient macaroon).
/// </summary>
internal sealed class FakeLndServer : IAsyncDisposable
{
    private static readonly string[] ReadOnlyPermissions = ["info:read", "offchain:read"];
    private static readonly string[] AdminPermissions = ["info:read", "info:write", "offchain:read", "offchain:write", "onchain:read", "onchain:write", "invoices:read", "invoices:write", "peers:read", "peers:write", "message:read", "message:write", "address:read", "address:write"];

    private readonly WebApplication _app;
    private readonly Environment.TempDirectory _directory;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<FakeLndFault> _faults = [];
    private readonly Lock _faultLock = new();
    private readonly ConcurrentDictionary<string, string[]> _macaroons = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _responseCache = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private X509Certificate2 _serving;
    private long _hugeBytesWritten;
    private int _hugeResponsesCut;

    private FakeLndServer(FakeLndState state, Environment.TempDirectory directory, X509Certificate2 certificate)
    {
        State = state;
        _directory = directory;
        _serving = certificate;
        TlsCertPath = directory.Combine("tls.cert");
        MacaroonPath = directory.Combine("admin.macaroon");
        ReadOnlyMacaroonPath = directory.Combine("readonly.macaroon");
        File.WriteAllText(TlsCertPath, FakeLndCertificates.ToPem(certificate));
        AdminMacaroonHex = IssueMacaroon(MacaroonPath, AdminPermissions);
        ReadOnlyMacaroonHex = IssueMacaroon(ReadOnlyMacaroonPath, ReadOnlyPermissions);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificateSelector = (_, _) => Volatile.Read(ref _serving),
            }));
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public FakeLndState State { get; }

    /// <summary><c>https://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("https://127.0.0.1/");

    public string TlsCertPath { get; }

    public string MacaroonPath { get; }

    public string ReadOnlyMacaroonPath { get; }

    /// <summary>Hex of the admin macaroon (to assert it never reaches a log).</summary>
    public string AdminMacaroonHex { get; private set; }

    public string ReadOnlyMacaroonHex { get; private set; }

    /// <summary>
    /// Answer identical requests from a cache of rendered bodies (benchmarks): the state must not
    /// change, and forwarding-history pages are cached by offset and size only (the window's
    /// bounds move with the clock), so the forwards must lie well inside the window.
    /// </summary>
    public bool CacheResponses { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Bytes of huge-body faults handed to Kestrel (after a client has gone, Kestrel takes writes without sending them, so this is an upper bound of what was sent).</summary>
    public long HugeBytesWritten => Interlocked.Read(ref _hugeBytesWritten);

    /// <summary>Huge-body responses the client cut off before they were complete.</summary>
    public int HugeResponsesCut => Volatile.Read(ref _hugeResponsesCut);

    public static async Task<FakeLndServer> StartAsync(FakeLndState? state = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeLndServer(state ?? new FakeLndState(), new Environment.TempDirectory("fake-lnd"), FakeLndCertificates.Valid());
        await server._app.StartAsync(cancellationToken);
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server.BaseUrl = new Uri($"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        return server;
    }

    /// <summary>The endpoint a client uses: this server, its pinned certificate, the admin or read-only macaroon.</summary>
    public LndEndpoint Endpoint(bool readOnly = false) =>
        new(BaseUrl, readOnly ? ReadOnlyMacaroonPath : MacaroonPath, TlsCertPath);

    /// <summary>A nodes-file entry for this server.</summary>
    public NodeDefinition Definition(string id = "fake", bool readOnly = false, string? pubkey = null) => new()
    {
        Id = id,
        UserId = $"user-{id}",
        Pubkey = pubkey,
        Lnd = Endpoint(readOnly),
        DailyReport = true,
    };

    public void AddFault(FakeLndFault fault)
    {
        lock (_faultLock)
        {
            _faults.Add(fault);
        }
    }

    public void ClearFaults()
    {
        lock (_faultLock)
        {
            _faults.Clear();
        }
    }

    public void ClearRequests() => _requests.Clear();

    public void InvalidateResponseCache() => _responseCache.Clear();

    /// <summary>Requests being answered right now (all routes).</summary>
    public int InFlight => _inFlight.Values.Sum();

    /// <summary>Waits (polling, with a generous real-time deadline) until a request matching the method and path prefix has arrived.</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(string method, string pathPrefix, int occurrence = 1, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var matches = _requests.Where(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();
            if (matches.Count >= occurrence)
            {
                return matches[occurrence - 1];
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"no {method} {pathPrefix} request #{occurrence} arrived at the fake LND");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Requests whose method and path match (path prefix).</summary>
    public int Count(string method, string pathPrefix) =>
        _requests.Count(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    /// <summary>The most requests of one route (e.g. <c>/v1/graph/node</c>) ever in flight at once.</summary>
    public int MaxInFlight(string route) => _maxInFlight.TryGetValue(route, out var max) ? max : 0;

    /// <summary>Serves a different certificate than the pinned file (a man in the middle, or a regenerated cert not yet copied).</summary>
    public void ServeUnpinnedCertificate() => Volatile.Write(ref _serving, FakeLndCertificates.Valid("someone else"));

    /// <summary>Serves an expired certificate, and pins it (the node's own cert ran out).</summary>
    public void ServeExpiredCertificate() => ServeAndPin(FakeLndCertificates.Expired());

    /// <summary>Serves (and pins) a certificate that names another host than 127.0.0.1.</summary>
    public void ServeCertificateForOtherHost() => ServeAndPin(FakeLndCertificates.OtherHostName());

    /// <summary>Forgets every issued macaroon (as if the node's macaroon root key changed); issues new files under new names.</summary>
    public void RotateMacaroonRootKey()
    {
        _macaroons.Clear();
        AdminMacaroonHex = IssueMacaroon(_directory.Combine("admin-new.macaroon"), AdminPermissions);
        ReadOnlyMacaroonHex = IssueMacaroon(_directory.Combine("readonly-new.macaroon"), ReadOnlyPermissions);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
        _directory.Dispose();
    }

    private void ServeAndPin(X509Certificate2 certificate)
    {
        File.WriteAllText(TlsCertPath, FakeLndCertificates.ToPem(certificate));
        Volatile.Write(ref _serving, certificate);
    }

    private string IssueMacaroon(string path, string[] permissions)
    {
        var bytes = RandomNumberGenerator.GetBytes(96);
        File.WriteAllBytes(path, bytes);
        var hex = Convert.ToHexStringLower(bytes);
        _macaroons[hex] = permissions;
        return hex;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(request.Method, path, request.QueryString.Value ?? "", headers, body, DateTimeOffset.UtcNow));

        var route = RouteKey(path);
        var inFlight = _inFlight.AddOrUpdate(route, 1, (_, n) => n + 1);
        _maxInFlight.AddOrUpdate(route, inFlight, (_, max) => Math.Max(max, inFlight));
        try
        {
            await DispatchAsync(context, path, body);
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server stops.
        }
        catch (IOException)
        {
        }
        finally
        {
            _inFlight.AddOrUpdate(route, 0, (_, n) => n - 1);
        }
    }

    private async Task DispatchAsync(HttpContext context, string path, string body)
    {
        var fault = TakeFault(path);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var token = linked.Token;
        switch (fault?.Kind)
        {
            case FakeFaultKind.Hang:
                await Task.Delay(Timeout.Infinite, token);
                return;
            case FakeFaultKind.Delay:
                await Task.Delay(fault.Delay, token);
                break;
            case FakeFaultKind.Status:
                if (fault.RetryAfterSeconds is { } wait)
                {
                    context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                }

                await WriteStatusAsync(context, fault.StatusCode, fault.GrpcCode, fault.Message);
                return;
            case FakeFaultKind.PlainStatus:
                context.Response.StatusCode = fault.StatusCode;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync($"<html><body><h1>{fault.StatusCode} Bad Gateway</h1></body></html>", token);
                return;
            case FakeFaultKind.AbortConnection:
                context.Abort();
                return;
            case FakeFaultKind.MalformedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"identity_pubkey\": \"02ab\", \"channels\": [ {\"active\": tru", token);
                return;
            case FakeFaultKind.HugeBody:
            case FakeFaultKind.HugeDeclaredBody:
                await WriteHugeAsync(context, fault, token);
                return;
        }

        var (status, json) = Handle(context.Request, path, body, fault?.Kind == FakeFaultKind.InconsistentBalances);
        if (fault?.Kind == FakeFaultKind.HangAfterHandling)
        {
            await Task.Delay(Timeout.Infinite, token);
            return;
        }

        if (status == 200 && fault?.Kind == FakeFaultKind.TruncatedJson)
        {
            json = json.AsSpan(0, json.Length / 2).ToArray();
        }
        else if (status == 200 && fault?.Kind == FakeFaultKind.WrongTypes)
        {
            json = WrongTypes(path, json);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, token);
    }

    private (int Status, byte[] Json) Handle(HttpRequest request, string path, string body, bool inconsistent)
    {
        var method = request.Method;
        var (route, permission, allowedQuery) = Route(method, path);
        if (route is null)
        {
            return Known(path) ? Status(405, 12, "Method Not Allowed") : Status(404, 5, "Not Found");
        }

        foreach (var key in request.Query.Keys)
        {
            if (!allowedQuery.Contains(key))
            {
                return Status(400, 3, $"type mismatch, parameter: {key}, error: unknown query parameter");
            }
        }

        JsonElement root = default;
        if (method == "POST")
        {
            var fields = route == "switch" ? FakeLndRequestChecks.ForwardingHistoryRequest : FakeLndRequestChecks.PolicyUpdateRequest;
            if (FakeLndRequestChecks.Check(body, fields, out root) is { } problem)
            {
                return Status(400, 3, problem);
            }
        }

        if (Authorize(request, permission) is { } denied)
        {
            return Status(500, 2, denied);
        }

        // The forwarding window moves with the clock on every call; a cached answer ignores it (the state is static).
        var cacheBody = route == "switch" ? $"{FakeLndRequestChecks.U64(root, "index_offset")}/{FakeLndRequestChecks.U64(root, "num_max_events")}" : body;
        var cacheKey = CacheResponses && !inconsistent ? $"{method} {path}{request.QueryString} {cacheBody}" : null;
        if (cacheKey is not null && _responseCache.TryGetValue(cacheKey, out var cached))
        {
            return (200, cached);
        }

        (int, byte[]) answer;
        lock (State.Sync)
        {
            answer = route switch
            {
                "getinfo" => Ok(w => FakeLndResponses.GetInfo(w, State)),
                "channels" => Ok(w => Channels(w, inconsistent)),
                "fees" => Ok(w => FakeLndResponses.FeeReport(w, State)),
                "edge" => Edge(path),
                "node" => Node(path),
                "switch" => Switch(root),
                "chanpolicy" => ChanPolicy(root),
                _ => Status(404, 5, "Not Found"),
            };
        }

        if (cacheKey is not null && answer.Item1 == 200 && route != "chanpolicy")
        {
            _responseCache[cacheKey] = answer.Item2;
        }

        return answer;
    }

    private static (string? Route, string Permission, string[] Query) Route(string method, string path) => (method, path) switch
    {
        ("GET", "/v1/getinfo") => ("getinfo", "info:read", []),
        ("GET", "/v1/channels") => ("channels", "offchain:read", ["active_only", "inactive_only", "public_only", "private_only", "peer", "peer_alias_lookup"]),
        ("GET", "/v1/fees") => ("fees", "offchain:read", []),
        ("GET", _) when path.StartsWith("/v1/graph/edge/", StringComparison.Ordinal) => ("edge", "info:read", ["chan_point", "include_auth_proof"]),
        ("GET", _) when path.StartsWith("/v1/graph/node/", StringComparison.Ordinal) => ("node", "info:read", ["include_channels", "include_auth_proof"]),
        ("POST", "/v1/switch") => ("switch", "offchain:read", []),
        ("POST", "/v1/chanpolicy") => ("chanpolicy", "offchain:write", []),
        _ => (null, "", []),
    };

    private static bool Known(string path) =>
        path is "/v1/getinfo" or "/v1/channels" or "/v1/fees" or "/v1/switch" or "/v1/chanpolicy"
        || path.StartsWith("/v1/graph/edge/", StringComparison.Ordinal)
        || path.StartsWith("/v1/graph/node/", StringComparison.Ordinal);

    private static string RouteKey(string path) =>
        path.StartsWith("/v1/graph/node/", StringComparison.Ordinal) ? "/v1/graph/node"
        : path.StartsWith("/v1/graph/edge/", StringComparison.Ordinal) ? "/v1/graph/edge"
        : path;

    private string? Authorize(HttpRequest request, string permission)
    {
        var values = request.Headers["Grpc-Metadata-macaroon"];
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return "expected 1 macaroon, got 0";
        }

        var hex = values[0]!;
        if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            return "unable to decode macaroon: encoding/hex: invalid byte";
        }

        if (!_macaroons.TryGetValue(hex, out var granted))
        {
            return "verification failed: signature mismatch after caveat verification";
        }

        return granted.Contains(permission) ? null : "permission denied";
    }

    private void Channels(Utf8JsonWriter w, bool inconsistent)
    {
        w.WriteStartObject();
        w.WriteStartArray("channels");
        foreach (var channel in State.Channels)
        {
            FakeLndResponses.Channel(w, channel, inconsistent);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private (int, byte[]) Edge(string path)
    {
        var text = path["/v1/graph/edge/".Length..];
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var chanId))
        {
            return Status(400, 3, $"type mismatch, parameter: chan_id, error: strconv.ParseUint: parsing \"{text}\": invalid syntax");
        }

        var channel = State.FindChannel(chanId);
        return channel is { InGraph: true } ? Ok(w => FakeLndResponses.Edge(w, State, channel)) : Status(500, 2, "edge not found");
    }

    private (int, byte[]) Node(string path)
    {
        var pubkey = path["/v1/graph/node/".Length..];
        if (pubkey.Length != 66 || !pubkey.All(char.IsAsciiHexDigit))
        {
            return Status(500, 2, "unable to decode pubkey: encoding/hex: invalid byte");
        }

        return State.GraphNodes.TryGetValue(pubkey, out var node) ? Ok(w => FakeLndResponses.NodeInfo(w, node)) : Status(404, 5, "unable to find node");
    }

    private (int, byte[]) Switch(JsonElement root)
    {
        const uint maxEvents = 50_000;
        var start = FakeLndRequestChecks.U64(root, "start_time");
        var end = FakeLndRequestChecks.U64(root, "end_time");
        var offset = (int)FakeLndRequestChecks.U64(root, "index_offset");
        var max = (uint)FakeLndRequestChecks.U64(root, "num_max_events");
        max = max == 0 ? 100 : Math.Min(max, maxEvents);
        var endTime = end == 0 ? DateTimeOffset.UtcNow : DateTimeOffset.FromUnixTimeSeconds((long)end);
        var startTime = DateTimeOffset.FromUnixTimeSeconds((long)start);
        var page = State.Forwards.Where(f => f.At >= startTime && f.At <= endTime).Skip(offset).Take((int)max).ToList();
        return Ok(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("forwarding_events");
            foreach (var forward in page)
            {
                FakeLndResponses.ForwardingEvent(w, forward);
            }

            w.WriteEndArray();
            w.WriteNumber("last_offset_index", offset + page.Count);
            w.WriteEndObject();
        });
    }

    private (int, byte[]) ChanPolicy(JsonElement root)
    {
        if (FakeLndRequestChecks.Bool(root, "global"))
        {
            return Status(500, 2, "the fake LND does not implement global policy updates");
        }

        if (!root.TryGetProperty("chan_point", out var point) || point.ValueKind != JsonValueKind.Object)
        {
            return Status(500, 2, "unknown scope: neither global nor chan_point set");
        }

        var txid = point.TryGetProperty("funding_txid_str", out var t) ? t.GetString() ?? "" : "";
        var index = (uint)FakeLndRequestChecks.U64(point, "output_index");
        if (txid.Length != 64 || !txid.All(char.IsAsciiHexDigit))
        {
            return Status(500, 2, "invalid txid");
        }

        var feeRate = FakeLndRequestChecks.Double(root, "fee_rate");
        var feeRatePpm = FakeLndRequestChecks.U64(root, "fee_rate_ppm");
        if (feeRate != 0 && feeRatePpm != 0)
        {
            return Status(500, 2, "cannot set both FeeRate and FeeRatePpm at the same time");
        }

        if (feeRate is > 0 and < 1e-6)
        {
            return Status(500, 2, $"fee rate of {feeRate} is too small, min fee rate is 0.000001");
        }

        var timeLockDelta = (uint)FakeLndRequestChecks.U64(root, "time_lock_delta");
        if (timeLockDelta < State.MinTimeLockDelta)
        {
            return Status(500, 2, $"time lock delta of {timeLockDelta} is too small, minimum supported is {State.MinTimeLockDelta}");
        }

        int? inboundBase = null;
        int? inboundRate = null;
        if (root.TryGetProperty("inbound_fee", out var inbound) && inbound.ValueKind == JsonValueKind.Object)
        {
            inboundBase = (int)FakeLndRequestChecks.I64(inbound, "base_fee_msat");
            inboundRate = (int)FakeLndRequestChecks.I64(inbound, "fee_rate_ppm");
            if (!State.AcceptPositiveInboundFees && (inboundBase > 0 || inboundRate > 0))
            {
                return Status(500, 2, "positive values for inbound fee base msat or fee rate ppm are not supported");
            }
        }

        var channel = State.Channels.Find(c => string.Equals(c.ChannelPoint, $"{txid}:{index.ToString(CultureInfo.InvariantCulture)}", StringComparison.OrdinalIgnoreCase));
        var failures = new List<(string, uint, string, string)>();
        if (channel is null)
        {
            failures.Add((txid, index, "UPDATE_FAILURE_NOT_FOUND", "unable to find channel"));
        }
        else if (State.PolicyFailures.TryGetValue(channel.ChanId, out var failure))
        {
            failures.Add((txid, index, failure.Reason, failure.Error));
        }
        else if (State.ApplyPolicyUpdates)
        {
            var policy = channel.LocalPolicy;
            policy.BaseFeeMsat = FakeLndRequestChecks.I64(root, "base_fee_msat");
            policy.FeeRatePpm = feeRatePpm != 0 ? (long)feeRatePpm : (long)Math.Round(feeRate * 1_000_000);
            policy.TimeLockDelta = timeLockDelta;
            var maxHtlc = FakeLndRequestChecks.U64(root, "max_htlc_msat");
            if (maxHtlc != 0)
            {
                policy.MaxHtlcMsat = maxHtlc;
            }

            if (FakeLndRequestChecks.Bool(root, "min_htlc_msat_specified"))
            {
                policy.MinHtlcMsat = (long)FakeLndRequestChecks.U64(root, "min_htlc_msat");
            }

            if (inboundBase is { } b && inboundRate is { } r)
            {
                policy.InboundBaseFeeMsat = b;
                policy.InboundFeeRatePpm = r;
            }

            policy.LastUpdate = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        }

        return Ok(w => FakeLndResponses.PolicyUpdate(w, failures));
    }

    private FakeLndFault? TakeFault(string path)
    {
        lock (_faultLock)
        {
            var index = _faults.FindIndex(f => f.PathPrefix is null || path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index];
            if (fault.Times is { } times)
            {
                if (times <= 1)
                {
                    _faults.RemoveAt(index);
                }
                else
                {
                    _faults[index] = fault with { Times = times - 1 };
                }
            }

            return fault;
        }
    }

    private async Task WriteHugeAsync(HttpContext context, FakeLndFault fault, CancellationToken token)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        if (fault.Kind == FakeFaultKind.HugeDeclaredBody)
        {
            context.Response.ContentLength = fault.HugeBytes;
        }

        // Well-formed channels, endlessly: only the size can stop a client.
        var one = Render(w => FakeLndResponses.Channel(w, new FakeChannel { ChanId = 1, ChannelPoint = new string('a', 64) + ":0", RemotePubkey = "02" + new string('b', 64) }, false));
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Encoding.UTF8.GetString(one) + ",", 64)));
        var written = 0L;
        try
        {
            var head = "{\"channels\":["u8.ToArray();
            await context.Response.Body.WriteAsync(head, token);
            written += head.Length;
            while (written + chunk.Length <= fault.HugeBytes)
            {
                await context.Response.Body.WriteAsync(chunk, token);
                written += chunk.Length;
            }

            if (fault.Kind == FakeFaultKind.HugeBody)
            {
                await context.Response.Body.WriteAsync("{}]}"u8.ToArray(), token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _hugeResponsesCut);
        }
        finally
        {
            Interlocked.Add(ref _hugeBytesWritten, written);
        }

        if (written < fault.HugeBytes && !token.IsCancellationRequested)
        {
            Interlocked.Increment(ref _hugeResponsesCut);
        }
    }

    private static byte[] WrongTypes(string path, byte[] json)
    {
        var key = path switch
        {
            "/v1/getinfo" => "block_height",
            "/v1/channels" => "capacity",
            "/v1/fees" => "fee_per_mil",
            "/v1/switch" => "amt_out",
            "/v1/chanpolicy" => "failed_updates",
            _ when path.StartsWith("/v1/graph/node/", StringComparison.Ordinal) => "num_channels",
            _ => "fee_base_msat",
        };
        var text = Encoding.UTF8.GetString(json);
        var regex = new Regex($"\"{key}\":(\"[^\"]*\"|-?\\d+|\\[[^\\]]*\\])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        return Encoding.UTF8.GetBytes(regex.Replace(text, $"\"{key}\":{{\"unexpected\":true}}", 1));
    }

    private static async Task WriteStatusAsync(HttpContext context, int status, int code, string message)
    {
        var (_, json) = Status(status, code, message);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json);
    }

    private static (int, byte[]) Status(int status, int code, string message) =>
        (status, Render(w => FakeLndResponses.Status(w, code, message)));

    private static (int, byte[]) Ok(Action<Utf8JsonWriter> write) => (200, Render(write));

    private static byte[] Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
