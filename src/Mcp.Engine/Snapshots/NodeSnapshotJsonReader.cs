using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Mcp.Engine.Snapshots;

/// <summary>
/// Reads <c>mcp.node-snapshot/1</c> JSON strictly: exact schema, exact field names (unknown or
/// duplicate fields are errors), exact types (integers must be integers, timestamps must carry an
/// offset), then every consistency check of <see cref="NodeSnapshotValidator"/>. Errors are
/// <see cref="SnapshotFormatException"/>s naming the JSON path. One forward-only pass over the bytes.
/// </summary>
internal static class NodeSnapshotJsonReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    private static readonly string[] RootFields = ["schema", "taken_at", "node", "network", "channels"];
    private static readonly string[] NodeFields = ["pubkey", "alias"];
    private static readonly string[] NetworkFields = ["median_base_fee_msat", "median_fee_rate_ppm"];

    private static readonly string[] ChannelFields =
    [
        "channel_id", "chan_point", "remote_pubkey", "capacity_sat", "local_balance_sat", "remote_balance_sat", "active",
        "policy", "opened_at", "forwards", "stats", "peer", "capacity_change_count", "policy_change_count",
    ];

    private static readonly string[] PolicyFields =
    [
        "base_fee_msat", "fee_rate_ppm", "inbound_base_fee_msat", "inbound_fee_rate_ppm", "time_lock_delta",
        "min_htlc_msat", "max_htlc_msat",
    ];

    private static readonly string[] ForwardFields = ["at", "amt_out_sat", "fee_msat", "success"];
    private static readonly string[] StatsFields = ["success_rate", "forwards_count"];

    private static readonly string[] PeerFields =
        ["alias", "uptime", "disconnections_30d", "amboss_rank", "num_channels", "total_capacity_sat", "total_forwards"];

    private static readonly byte[][] RootNames = Utf8(RootFields);
    private static readonly byte[][] NodeNames = Utf8(NodeFields);
    private static readonly byte[][] NetworkNames = Utf8(NetworkFields);
    private static readonly byte[][] ChannelNames = Utf8(ChannelFields);
    private static readonly byte[][] PolicyNames = Utf8(PolicyFields);
    private static readonly byte[][] ForwardNames = Utf8(ForwardFields);
    private static readonly byte[][] StatsNames = Utf8(StatsFields);
    private static readonly byte[][] PeerNames = Utf8(PeerFields);

    /// <summary>Reads and validates a snapshot file, streaming it (no size limit, bounded memory).</summary>
    /// <exception cref="SnapshotFormatException">The file is unreadable or not a valid snapshot.</exception>
    public static NodeSnapshot ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file: {e.Message}";
            throw new SnapshotFormatException(path, "$", problem);
        }

        using (stream)
        {
            return Read(stream, path);
        }
    }

    /// <summary>Reads and validates a snapshot from a stream of UTF-8 JSON, one buffer at a time.</summary>
    /// <param name="utf8Json">The JSON.</param>
    /// <param name="sourceName">Prefix of error messages (a file name), or <c>null</c>.</param>
    /// <param name="bufferSize">Initial buffer size; the buffer grows only for a token longer than it.</param>
    /// <exception cref="SnapshotFormatException">The stream is unreadable or not a valid snapshot.</exception>
    public static NodeSnapshot Read(Stream utf8Json, string? sourceName = null, int bufferSize = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        var context = new Context(sourceName, utf8Json, bufferSize);
        var first = context.Fill(0);
        var start = first.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (context.IsFinal && first[start..].Trim(" \t\r\n"u8).IsEmpty)
        {
            throw context.Error("the input is empty; expected a snapshot object");
        }

        var reader = new Utf8JsonReader(first[start..], context.IsFinal, new JsonReaderState(Options));
        context.SetOffset(start);
        return Parse(ref reader, context, sourceName);
    }

    /// <summary>Reads and validates a snapshot from UTF-8 JSON in memory.</summary>
    /// <exception cref="SnapshotFormatException">The JSON is not a valid snapshot.</exception>
    public static NodeSnapshot Read(ReadOnlySpan<byte> utf8Json, string? sourceName = null)
    {
        if (utf8Json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8Json = utf8Json[3..];
        }

        var context = new Context(sourceName, null, 0);
        if (utf8Json.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw context.Error("the input is empty; expected a snapshot object");
        }

        var reader = new Utf8JsonReader(utf8Json, Options);
        return Parse(ref reader, context, sourceName);
    }

    private static NodeSnapshot Parse(ref Utf8JsonReader reader, Context context, string? sourceName)
    {
        NodeSnapshot snapshot;
        try
        {
            context.Read(ref reader);
            snapshot = ReadRoot(ref reader, context);
            if (context.Read(ref reader))
            {
                throw context.Error("unexpected content after the snapshot object");
            }
        }
        catch (JsonException e)
        {
            if (context.IsStreaming)
            {
                throw context.Error($"malformed JSON {context.Where(reader.BytesConsumed)}: {FirstSentence(e.Message)}");
            }

            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw context.Error($"malformed JSON at line {line}, byte {column}: {FirstSentence(e.Message)}");
        }
        catch (IOException e)
        {
            throw context.Error($"cannot read the input: {e.Message}");
        }

        NodeSnapshotValidator.Validate(snapshot, sourceName);
        return snapshot;
    }

    private static NodeSnapshot ReadRoot(ref Utf8JsonReader r, Context c)
    {
        c.ExpectObject(ref r, "a snapshot object");
        DateTimeOffset takenAt = default;
        NodeIdentity? node = null;
        NetworkContext? network = null;
        List<ChannelSnapshot>? channels = null;
        var seen = 0u;
        while (c.NextProperty(ref r, RootNames, RootFields, ref seen, out var field))
        {
            switch (field)
            {
                case 0:
                    var schema = c.String(ref r);
                    if (!string.Equals(schema, NodeSnapshot.SchemaId, StringComparison.Ordinal))
                    {
                        throw c.Error($"unsupported schema '{schema}'; expected '{NodeSnapshot.SchemaId}'");
                    }

                    break;
                case 1:
                    takenAt = c.Timestamp(ref r);
                    break;
                case 2:
                    node = ReadNode(ref r, c);
                    break;
                case 3:
                    network = r.TokenType == JsonTokenType.Null ? null : ReadNetwork(ref r, c);
                    break;
                default:
                    channels = ReadChannels(ref r, c);
                    break;
            }

            c.EndProperty();
        }

        c.RequireAll(seen, 0b10111, RootFields);
        return new NodeSnapshot { TakenAt = takenAt, Node = node!, Network = network, Channels = channels! };
    }

    private static NodeIdentity ReadNode(ref Utf8JsonReader r, Context c)
    {
        c.ExpectObject(ref r, "an object with pubkey and alias");
        string? pubkey = null;
        string? alias = null;
        var seen = 0u;
        while (c.NextProperty(ref r, NodeNames, NodeFields, ref seen, out var field))
        {
            if (field == 0)
            {
                pubkey = c.String(ref r);
            }
            else
            {
                alias = c.NullableString(ref r);
            }

            c.EndProperty();
        }

        c.RequireAll(seen, 0b1, NodeFields);
        return new NodeIdentity(pubkey!, alias);
    }

    private static NetworkContext ReadNetwork(ref Utf8JsonReader r, Context c)
    {
        c.ExpectObject(ref r, "an object with median_base_fee_msat and median_fee_rate_ppm");
        long medianBase = 0;
        long medianRate = 0;
        var seen = 0u;
        while (c.NextProperty(ref r, NetworkNames, NetworkFields, ref seen, out var field))
        {
            if (field == 0)
            {
                medianBase = c.Integer(ref r);
            }
            else
            {
                medianRate = c.Integer(ref r);
            }

            c.EndProperty();
        }

        c.RequireAll(seen, 0b11, NetworkFields);
        return new NetworkContext { MedianBaseFeeMsat = medianBase, MedianFeeRatePpm = medianRate };
    }

    private static List<ChannelSnapshot> ReadChannels(ref Utf8JsonReader r, Context c)
    {
        c.ExpectArray(ref r, "an array of channels");
        var channels = new List<ChannelSnapshot>();
        var index = 0;
        while (c.NextItem(ref r, index))
        {
            channels.Add(ReadChannel(ref r, c));
            c.EndItem();
            index++;
        }

        return channels;
    }

    private static ChannelSnapshot ReadChannel(ref Utf8JsonReader r, Context c)
    {
        c.ExpectObject(ref r, "a channel object");
        string? channelId = null, chanPoint = null, remotePubkey = null;
        long capacity = 0, local = 0, remote = 0;
        var active = false;
        ChannelPolicy? policy = null;
        DateTimeOffset? openedAt = null;
        ForwardEvent[]? forwards = null;
        ChannelStats? stats = null;
        PeerInfo? peer = null;
        int capacityChanges = 0, policyChanges = 0;
        var seen = 0u;
        while (c.NextProperty(ref r, ChannelNames, ChannelFields, ref seen, out var field))
        {
            switch (field)
            {
                case 0: channelId = c.String(ref r); break;
                case 1: chanPoint = c.String(ref r); break;
                case 2: remotePubkey = c.String(ref r); break;
                case 3: capacity = c.Integer(ref r); break;
                case 4: local = c.Integer(ref r); break;
                case 5: remote = c.Integer(ref r); break;
                case 6: active = c.Boolean(ref r); break;
                case 7: policy = ReadPolicy(ref r, c); break;
                case 8: openedAt = r.TokenType == JsonTokenType.Null ? null : c.Timestamp(ref r); break;
                case 9: forwards = r.TokenType == JsonTokenType.Null ? null : ReadForwards(ref r, c); break;
                case 10: stats = r.TokenType == JsonTokenType.Null ? null : ReadStats(ref r, c); break;
                case 11: peer = r.TokenType == JsonTokenType.Null ? null : ReadPeer(ref r, c); break;
                case 12: capacityChanges = c.NullableInt32(ref r) ?? 0; break;
                default: policyChanges = c.NullableInt32(ref r) ?? 0; break;
            }

            c.EndProperty();
        }

        c.RequireAll(seen, 0b1111_1111, ChannelFields);
        return new ChannelSnapshot
        {
            ChannelId = channelId!,
            ChanPoint = chanPoint!,
            RemotePubkey = remotePubkey!,
            CapacitySat = capacity,
            LocalBalanceSat = local,
            RemoteBalanceSat = remote,
            Active = active,
            OpenedAt = openedAt,
            Policy = policy!,
            Forwards = forwards ?? [],
            Stats = stats,
            Peer = peer,
            CapacityChangeCount = capacityChanges,
            PolicyChangeCount = policyChanges,
        };
    }

    private static ChannelPolicy ReadPolicy(ref Utf8JsonReader r, Context c)
    {
        c.ExpectObject(ref r, "a policy object");
        long baseFee = 0, feeRate = 0;
        int? inboundBase = null, inboundRate = null, timeLockDelta = null;
        long? minHtlc = null, maxHtlc = null;
        var seen = 0u;
        while (c.NextProperty(ref r, PolicyNames, PolicyFields, ref seen, out var field))
        {
            switch (field)
            {
                case 0: baseFee = c.Integer(ref r); break;
                case 1: feeRate = c.Integer(ref r); break;
                case 2: inboundBase = c.NullableInt32(ref r); break;
                case 3: inboundRate = c.NullableInt32(ref r); break;
                case 4: timeLockDelta = c.NullableInt32(ref r); break;
                case 5: minHtlc = c.NullableInteger(ref r); break;
                default: maxHtlc = c.NullableInteger(ref r); break;
            }

            c.EndProperty();
        }

        c.RequireAll(seen, 0b11, PolicyFields);
        return new ChannelPolicy
        {
            BaseFeeMsat = baseFee,
            FeeRatePpm = feeRate,
            InboundBaseFeeMsat = inboundBase,
            InboundFeeRatePpm = inboundRate,
            TimeLockDelta = timeLockDelta,
            MinHtlcMsat = minHtlc,
            MaxHtlcMsat = maxHtlc,
        };
    }

    /// <summary>
    /// The hot loop of a large snapshot (millions of forwards): field names are matched by length
    /// first, values are read without the generic helpers, and the JSON path is only built when
    /// something is wrong (the generic helpers then produce the message). Optimized at first JIT.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ForwardEvent[] ReadForwards(ref Utf8JsonReader r, Context c)
    {
        c.ExpectArray(ref r, "an array of forwards");
        var buffer = c.ForwardBuffer;
        var index = c.ScanForwards(ref r, ref buffer);
        try
        {
            for (; ; index++)
            {
                c.Read(ref r);
                if (r.TokenType == JsonTokenType.EndArray)
                {
                    return index == 0 ? [] : buffer.AsSpan(0, index).ToArray();
                }

                if (r.TokenType != JsonTokenType.StartObject)
                {
                    c.Enter(index);
                    c.ExpectObject(ref r, "a forward object");
                }

                DateTimeOffset at = default;
                long amount = 0, fee = 0;
                var success = true;
                var seen = 0u;
                while (true)
                {
                    c.Read(ref r);
                    if (r.TokenType == JsonTokenType.EndObject)
                    {
                        break;
                    }

                    var field = ForwardField(ref r);
                    if (field < 0 || (seen & (1u << field)) != 0)
                    {
                        c.Enter(index);
                        c.NextPropertyAtName(ref r, ForwardNames, ForwardFields, ref seen);
                    }

                    seen |= 1u << field;
                    c.Read(ref r);
                    switch (field)
                    {
                        case 0:
                            if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped || !HasOffset(r.ValueSpan) || !r.TryGetDateTimeOffset(out at))
                            {
                                c.Enter(index);
                                c.Enter(ForwardFields[0]);
                                at = c.Timestamp(ref r);
                                c.Leave();
                                c.Leave();
                            }

                            break;
                        case 1:
                            if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out amount))
                            {
                                c.Enter(index);
                                c.Enter(ForwardFields[1]);
                                amount = c.Integer(ref r);
                            }

                            break;
                        case 2:
                            if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out fee))
                            {
                                c.Enter(index);
                                c.Enter(ForwardFields[2]);
                                fee = c.Integer(ref r);
                            }

                            break;
                        default:
                            if (r.TokenType is JsonTokenType.True or JsonTokenType.Null)
                            {
                                success = true;
                            }
                            else if (r.TokenType == JsonTokenType.False)
                            {
                                success = false;
                            }
                            else
                            {
                                c.Enter(index);
                                c.Enter(ForwardFields[3]);
                                c.Boolean(ref r);
                            }

                            break;
                    }
                }

                if ((seen & 0b111) != 0b111)
                {
                    c.Enter(index);
                    c.RequireAll(seen, 0b111, ForwardFields);
                }

                if (index == buffer.Length)
                {
                    buffer = c.GrowForwardBuffer();
                }

                buffer[index] = new ForwardEvent(at, amount, fee, success);
            }
        }
        catch (JsonException)
        {
            c.Enter(index);
            throw;
        }
    }

    /// <summary>The index of a forward's field name (at, amt_out_sat, fee_msat, success), or −1.</summary>
    private static int ForwardField(ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped)
        {
            var name = r.ValueSpan;
            return name.Length switch
            {
                2 when name.SequenceEqual("at"u8) => 0,
                11 when name.SequenceEqual("amt_out_sat"u8) => 1,
                8 when name.SequenceEqual("fee_msat"u8) => 2,
                7 when name.SequenceEqual("success"u8) => 3,
                _ => -1,
            };
        }

        for (var k = 0; k < ForwardNames.Length; k++)
        {
            if (r.ValueTextEquals(ForwardNames[k]))
            {
                return k;
            }
        }

        return -1;
    }

    private static ChannelStats ReadStats(ref Utf8JsonReader r, Context c)
    {
        c.ExpectObject(ref r, "a stats object");
        double? successRate = null;
        long? forwardsCount = null;
        var seen = 0u;
        while (c.NextProperty(ref r, StatsNames, StatsFields, ref seen, out var field))
        {
            if (field == 0)
            {
                successRate = c.NullableNumber(ref r);
            }
            else
            {
                forwardsCount = c.NullableInteger(ref r);
            }

            c.EndProperty();
        }

        return new ChannelStats(successRate, forwardsCount);
    }

    private static PeerInfo ReadPeer(ref Utf8JsonReader r, Context c)
    {
        c.ExpectObject(ref r, "a peer object");
        var peer = new PeerInfo();
        var seen = 0u;
        while (c.NextProperty(ref r, PeerNames, PeerFields, ref seen, out var field))
        {
            peer = field switch
            {
                0 => peer with { Alias = c.NullableString(ref r) },
                1 => peer with { Uptime = c.NullableNumber(ref r) },
                2 => peer with { Disconnections30d = c.NullableInt32(ref r) },
                3 => peer with { AmbossRank = c.NullableInt32(ref r) },
                4 => peer with { NumChannels = c.NullableInt32(ref r) },
                5 => peer with { TotalCapacitySat = c.NullableInteger(ref r) },
                _ => peer with { TotalForwards = c.NullableInteger(ref r) },
            };
            c.EndProperty();
        }

        return peer;
    }

    private static bool HasOffset(ReadOnlySpan<byte> text) => Context.HasOffset(text);

    private static byte[][] Utf8(string[] names) => [.. names.Select(n => Encoding.UTF8.GetBytes(n))];

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        var lineInfo = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (lineInfo > 0 ? text[..lineInfo] : text).Trim().TrimEnd('.', '|').Trim();
    }

    /// <summary>Typed value reads with path tracking; every failure names the current path.</summary>
    private sealed class Context(string? sourceName, Stream? stream, int bufferSize)
    {
        private readonly JsonPathStack _path = new();
        private byte[] _buffer = new byte[stream is null ? 0 : Math.Max(bufferSize, 4)];
        private int _offset;
        private int _filled;
        private long _discardedNewlines;
        private long _columnBase;

        /// <summary>Whether the input is read from a stream (then the forward fast path is used).</summary>
        public bool IsStreaming => stream is not null;

        /// <summary>Whether the last buffer holds the end of the input.</summary>
        public bool IsFinal { get; private set; } = stream is null;

        /// <summary>Fills the buffer after <paramref name="keep"/> kept bytes; returns every valid byte.</summary>
        public ReadOnlySpan<byte> Fill(int keep)
        {
            if (keep == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var filled = keep;
            while (filled < _buffer.Length)
            {
                var read = stream!.Read(_buffer, filled, _buffer.Length - filled);
                if (read == 0)
                {
                    IsFinal = true;
                    break;
                }

                filled += read;
            }

            _filled = filled;
            _offset = 0;
            return _buffer.AsSpan(0, filled);
        }

        public void SetOffset(int offset) => _offset = offset;

        /// <summary>The next token; in streaming mode, refills the buffer when the reader runs dry.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Read(ref Utf8JsonReader r) => r.Read() || ReadAfterRefill(ref r);

        private bool ReadAfterRefill(ref Utf8JsonReader r)
        {
            while (!IsFinal)
            {
                var consumed = _offset + (int)r.BytesConsumed;
                var keep = Discard(consumed);
                var data = Fill(keep);
                r = new Utf8JsonReader(data, IsFinal, r.CurrentState);
                if (r.Read())
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Drops the first <paramref name="consumed"/> bytes of the buffer (remembering their line breaks); returns how many remain.</summary>
        private int Discard(int consumed)
        {
            var dropped = _buffer.AsSpan(0, consumed);
            var lastNewline = dropped.LastIndexOf((byte)'\n');
            if (lastNewline >= 0)
            {
                _discardedNewlines += dropped.Count((byte)'\n');
                _columnBase = consumed - lastNewline - 1;
            }
            else
            {
                _columnBase += consumed;
            }

            var keep = _filled - consumed;
            Buffer.BlockCopy(_buffer, consumed, _buffer, 0, keep);
            return keep;
        }

        /// <summary>"near line L, byte B" for a position in the current buffer, given relative to the reader's start.</summary>
        public string Where(long readerConsumed)
        {
            var position = (int)Math.Min(_offset + readerConsumed, _filled);
            var before = _buffer.AsSpan(0, position);
            var lastNewline = before.LastIndexOf((byte)'\n');
            var line = _discardedNewlines + before.Count((byte)'\n') + 1;
            var column = lastNewline >= 0 ? position - lastNewline : _columnBase + position + 1;
            return $"near line {line}, byte {column}";
        }

        /// <summary>
        /// With the reader just past a forwards array's <c>[</c>: reads its canonical elements with
        /// <see cref="ForwardScanner"/> (streaming mode only), then puts the reader back on the first
        /// byte it did not consume — the closing <c>]</c>, or an element for the general reader — with
        /// the state it had after the <c>[</c>. Returns how many forwards it stored.
        /// </summary>
        public int ScanForwards(ref Utf8JsonReader r, ref ForwardEvent[] forwards)
        {
            if (stream is null)
            {
                return 0;
            }

            var state = r.CurrentState;
            var pos = _offset + (int)r.BytesConsumed;
            var count = 0;
            while (true)
            {
                switch (ForwardScanner.Next(_buffer.AsSpan(0, _filled), ref pos, count == 0, out var forward))
                {
                    case ScanStep.Item:
                        if (count == forwards.Length)
                        {
                            forwards = GrowForwardBuffer();
                        }

                        forwards[count++] = forward;
                        break;
                    case ScanStep.NeedMore:
                        if (IsFinal)
                        {
                            _path.Push(count);
                            throw Error($"malformed JSON {Where(pos - _offset)}: the input ends inside the forwards array");
                        }

                        Fill(Discard(pos));
                        pos = 0;
                        break;
                    case ScanStep.Malformed:
                        _path.Push(count);
                        throw Error($"malformed JSON {Where(pos - _offset)}: expected {(_buffer[pos] == ']' ? "a forward after ','" : "',' or ']' after a forward")}");
                    default:
                        r = new Utf8JsonReader(_buffer.AsSpan(pos, _filled - pos), IsFinal, state);
                        _offset = pos;
                        return count;
                }
            }
        }

        /// <summary>Scratch space for one channel's forwards, reused across channels (copied out exactly sized).</summary>
        public ForwardEvent[] ForwardBuffer { get; private set; } = new ForwardEvent[256];

        public ForwardEvent[] GrowForwardBuffer()
        {
            var grown = new ForwardEvent[ForwardBuffer.Length * 2];
            ForwardBuffer.CopyTo(grown, 0);
            ForwardBuffer = grown;
            return grown;
        }

        public SnapshotFormatException Error(string problem) => new(sourceName, _path.ToString(), problem);

        public void ExpectObject(ref Utf8JsonReader r, string what)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                throw Error($"expected {what}, got {Describe(ref r)}");
            }
        }

        public void ExpectArray(ref Utf8JsonReader r, string what)
        {
            if (r.TokenType != JsonTokenType.StartArray)
            {
                throw Error($"expected {what}, got {Describe(ref r)}");
            }
        }

        /// <summary>Moves to the next property's value; false at the end of the object.</summary>
        public bool NextProperty(ref Utf8JsonReader r, byte[][] names, string[] fields, ref uint seen, out int field)
        {
            Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject)
            {
                field = -1;
                return false;
            }

            field = -1;
            for (var k = 0; k < names.Length; k++)
            {
                if (r.ValueTextEquals(names[k]))
                {
                    field = k;
                    break;
                }
            }

            if (field < 0)
            {
                var name = r.GetString() ?? "";
                _path.Push(name);
                throw Error($"unknown field; expected one of: {string.Join(", ", fields)}");
            }

            _path.Push(fields[field]);
            var bit = 1u << field;
            if ((seen & bit) != 0)
            {
                throw Error("duplicate field");
            }

            seen |= bit;
            Read(ref r);
            return true;
        }

        public void EndProperty() => _path.Pop();

        public void Enter(string name) => _path.Push(name);

        public void Enter(int index) => _path.Push(index);

        public void Leave() => _path.Pop();

        /// <summary>
        /// With the reader on a property name that is unknown or already seen: pushes it and throws
        /// the same error <see cref="NextProperty"/> would.
        /// </summary>
        public void NextPropertyAtName(ref Utf8JsonReader r, byte[][] names, string[] fields, ref uint seen)
        {
            var field = -1;
            for (var k = 0; k < names.Length; k++)
            {
                if (r.ValueTextEquals(names[k]))
                {
                    field = k;
                    break;
                }
            }

            if (field < 0)
            {
                _path.Push(r.GetString() ?? "");
                throw Error($"unknown field; expected one of: {string.Join(", ", fields)}");
            }

            _path.Push(fields[field]);
            if ((seen & (1u << field)) != 0)
            {
                throw Error("duplicate field");
            }

            throw new InvalidOperationException("The field was expected to be unknown or a duplicate.");
        }

        /// <summary>Moves to the next array item; false at the end of the array.</summary>
        public bool NextItem(ref Utf8JsonReader r, int index)
        {
            Read(ref r);
            if (r.TokenType == JsonTokenType.EndArray)
            {
                return false;
            }

            _path.Push(index);
            return true;
        }

        public void EndItem() => _path.Pop();

        public void RequireAll(uint seen, uint required, string[] fields)
        {
            var missing = required & ~seen;
            if (missing == 0)
            {
                return;
            }

            var first = System.Numerics.BitOperations.TrailingZeroCount(missing);
            throw Error($"missing required field '{fields[first]}'");
        }

        public string String(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                throw Error($"expected a string, got {Describe(ref r)}");
            }

            return r.GetString()!;
        }

        public string? NullableString(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Null ? null : String(ref r);

        public bool Boolean(ref Utf8JsonReader r) => r.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Error($"expected true or false, got {Describe(ref r)}"),
        };

        public long Integer(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.Number)
            {
                throw Error($"expected an integer, got {Describe(ref r)}");
            }

            if (!r.TryGetInt64(out var value))
            {
                throw Error($"expected an integer within 64 bits, got {Raw(ref r)}");
            }

            return value;
        }

        public long? NullableInteger(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Null ? null : Integer(ref r);

        public int? NullableInt32(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (r.TokenType != JsonTokenType.Number)
            {
                throw Error($"expected an integer, got {Describe(ref r)}");
            }

            if (!r.TryGetInt32(out var value))
            {
                throw Error($"expected a 32-bit signed integer ({int.MinValue} to {int.MaxValue}), got {Raw(ref r)}");
            }

            return value;
        }

        public double? NullableNumber(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (r.TokenType != JsonTokenType.Number)
            {
                throw Error($"expected a number, got {Describe(ref r)}");
            }

            if (!r.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw Error($"expected a finite number, got {Raw(ref r)}");
            }

            return value;
        }

        /// <summary>An RFC 3339 timestamp that carries its offset (Z or ±hh:mm).</summary>
        public DateTimeOffset Timestamp(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                throw Error($"expected an RFC 3339 timestamp string (e.g. 2026-11-20T06:00:00Z), got {Describe(ref r)}");
            }

            if (!r.ValueIsEscaped && HasOffset(r.ValueSpan) && r.TryGetDateTimeOffset(out var fast))
            {
                return fast;
            }

            var text = r.GetString()!;
            if (HasOffset(Encoding.UTF8.GetBytes(text))
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return parsed;
            }

            throw Error($"'{text}' is not an RFC 3339 timestamp with an offset (e.g. 2026-11-20T06:00:00Z or 2026-11-20T07:00:00+01:00)");
        }

        public static bool HasOffset(ReadOnlySpan<byte> text)
        {
            if (text.Length < 11)
            {
                return false;
            }

            var last = text[^1];
            if (last is (byte)'Z' or (byte)'z')
            {
                return true;
            }

            return text.Length >= 17 && text[^6] is (byte)'+' or (byte)'-' && text[^3] == (byte)':' && text.IndexOfAny("Tt "u8) > 0;
        }

        private static string Raw(ref Utf8JsonReader r) => Encoding.UTF8.GetString(r.ValueSpan);

        private static string Describe(ref Utf8JsonReader r) => r.TokenType switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.Number => $"the number {Raw(ref r)}",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => r.TokenType.ToString(),
        };
    }
}
