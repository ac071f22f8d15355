namespace Mcp.TestKit.FakeLnd;

/// <summary>
/// The configurable state of a fake LND node. Mutate it under <see cref="Sync"/> (or before the
/// server starts); the server reads it under the same lock for every request.
/// </summary>
internal sealed class FakeLndState
{
    public Lock Sync { get; } = new();

    public string IdentityPubkey { get; set; } = "02" + new string('a', 64);

    public string Alias { get; set; } = "fake-lnd";

    public string Version { get; set; } = "0.19.2-beta commit=v0.19.2-beta";

    public uint BlockHeight { get; set; } = 880_000;

    /// <summary>Unix seconds of the best header.</summary>
    public long BestHeaderTimestamp { get; set; } = 1_767_225_600;

    public bool SyncedToChain { get; set; } = true;

    public bool SyncedToGraph { get; set; } = true;

    public string Network { get; set; } = "mainnet";

    public List<FakeChannel> Channels { get; } = [];

    /// <summary>The forwarding log, in time order.</summary>
    public List<FakeForward> Forwards { get; } = [];

    public Dictionary<string, FakeGraphNode> GraphNodes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>False: <c>POST /v1/chanpolicy</c> answers success but changes nothing (LND bug #8396 style).</summary>
    public bool ApplyPolicyUpdates { get; set; } = true;

    /// <summary>LND's <c>MinCLTVDelta</c> (18; 24 from LND 0.21).</summary>
    public uint MinTimeLockDelta { get; set; } = 18;

    /// <summary>LND's <c>accept-positive-inbound-fees</c> (off by default).</summary>
    public bool AcceptPositiveInboundFees { get; set; }

    /// <summary>Channels (by chan_id) for which <c>POST /v1/chanpolicy</c> reports a <c>failed_updates</c> entry.</summary>
    public Dictionary<ulong, (string Reason, string Error)> PolicyFailures { get; } = [];

    public FakeChannel? FindChannel(ulong chanId) => Channels.Find(c => c.ChanId == chanId);
}
