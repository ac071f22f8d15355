namespace Mcp.TestKit.FakeLnd;

/// <summary>A settled forward of the fake node's forwarding log (amounts in msat; fee = in - out).</summary>
internal sealed record FakeForward(DateTimeOffset At, ulong ChanIdIn, ulong ChanIdOut, ulong AmtInMsat, ulong AmtOutMsat)
{
    public ulong FeeMsat => AmtInMsat - AmtOutMsat;

    /// <summary>Nanoseconds since the epoch, LND's <c>timestamp_ns</c>.</summary>
    public ulong TimestampNs => (ulong)(At - DateTimeOffset.UnixEpoch).Ticks * 100;
}
