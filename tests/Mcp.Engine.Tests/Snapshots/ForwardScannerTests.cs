using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Tests.Decisions;

namespace Mcp.Engine.Tests.Snapshots;

/// <summary>
/// The fast path for forwards (used when a snapshot is streamed) must read exactly what the
/// general reader reads and reject exactly what it rejects, whatever the formatting.
/// </summary>
public sealed class ForwardScannerTests
{
    [Test]
    public void A_streamed_snapshot_equals_the_same_snapshot_read_by_the_general_reader_whatever_the_formatting()
    {
        var cases = Arb.From(Gen.Choose(0, int.MaxValue));
        Prop.ForAll(cases, seed =>
        {
            var rnd = new Random(seed);
            var snapshot = RandomScenario.Create(seed).Input.Snapshot;
            var json = Reformat(snapshot, rnd);
            var general = Outcome(() => NodeSnapshotJsonReader.Read(json, "s.json"));
            foreach (var size in new[] { 1 + rnd.Next(200), 1 << 20 })
            {
                var streamed = Outcome(() => NodeSnapshotJsonReader.Read(new MemoryStream(json), "s.json", size));
                if (streamed != general && !(general.Contains("malformed JSON at line", StringComparison.Ordinal)
                    && streamed.StartsWith(general[..general.IndexOf("malformed JSON", StringComparison.Ordinal)], StringComparison.Ordinal)))
                {
                    throw new PropertyViolationException($"seed {seed}, buffer {size}:\n general: {general}\n streamed: {streamed}\n json: {Encoding.UTF8.GetString(json)}");
                }
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(10_000).WithQuietOnSuccess(true));
    }

    [TestCase("{\"at\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":1,\"fee_msat\":2,\"success\":false}", "2026-11-19T10:00:00+00:00", 1, 2, false)]
    [TestCase(" { \"success\" : null , \"fee_msat\" : 0 , \"amt_out_sat\" : 10 ,\n\t\"at\" : \"2026-11-19T11:00:00.5+01:00\" } ", "2026-11-19T11:00:00.5000000+01:00", 10, 0, true)]
    [TestCase("{\"at\":\"2026-11-19T04:30:00.1234567-05:30\",\"amt_out_sat\":999999999999999999,\"fee_msat\":7}", "2026-11-19T04:30:00.1234567-05:30", 999999999999999999, 7, true)]
    public void Canonical_forwards_are_read_by_the_fast_path(string item, string at, long amount, long fee, bool success)
    {
        var data = Encoding.UTF8.GetBytes($"[{item}]");
        var pos = 1;
        Assert.That(ForwardScanner.Next(data, ref pos, first: true, out var forward), Is.EqualTo(ScanStep.Item));
        Assert.That(forward, Is.EqualTo(new ForwardEvent(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), amount, fee, success)));
        Assert.That(ForwardScanner.Next(data, ref pos, first: false, out _), Is.EqualTo(ScanStep.End));
        Assert.That(data[pos], Is.EqualTo((byte)']'));
    }

    [TestCase("{\"\\u0061t\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":1,\"fee_msat\":2}")]
    [TestCase("{\"at\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":1e3,\"fee_msat\":2}")]
    [TestCase("{\"at\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":-1,\"fee_msat\":2}")]
    [TestCase("{\"at\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":01,\"fee_msat\":2}")]
    [TestCase("{\"at\":\"2026-11-19T10:00:00\",\"amt_out_sat\":1,\"fee_msat\":2}")]
    [TestCase("{\"at\":\"2026-02-30T10:00:00Z\",\"amt_out_sat\":1,\"fee_msat\":2}")]
    [TestCase("{\"at\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":1}")]
    [TestCase("{\"at\":\"2026-11-19T10:00:00Z\",\"at\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":1,\"fee_msat\":2}")]
    [TestCase("{\"at\":\"2026-11-19T10:00:00Z\",\"amount\":1,\"fee_msat\":2}")]
    [TestCase("{\"at\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":1,\"fee_msat\":2,\"success\":\"yes\"}")]
    [TestCase("5")]
    public void Anything_else_is_handed_over_to_the_general_reader_at_the_element(string item)
    {
        var data = Encoding.UTF8.GetBytes($"[ {item}]");
        var pos = 1;
        Assert.That(ForwardScanner.Next(data, ref pos, first: true, out _), Is.EqualTo(ScanStep.Handover));
        Assert.That(pos, Is.EqualTo(2), "at the element's first byte");
    }

    [TestCase("[{\"at\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":1,\"fee_msat\":2} {", "Malformed")]
    [TestCase("[{\"at\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":1,\"fee_msat\":2},]", "Malformed")]
    [TestCase("[{\"at\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":1,\"fee_msat\":2}, ", "NeedMore")]
    [TestCase("[{\"at\":\"2026-11-19T10:00:00Z\",\"amt_out_sat\":1,\"fee_msat\":2}", "NeedMore")]
    public void Between_elements(string text, string expected)
    {
        var second = Enum.Parse<ScanStep>(expected);
        var data = Encoding.UTF8.GetBytes(text);
        var pos = 1;
        Assert.That(ForwardScanner.Next(data, ref pos, first: true, out _), Is.EqualTo(ScanStep.Item));
        var before = pos;
        Assert.That(ForwardScanner.Next(data, ref pos, first: false, out _), Is.EqualTo(second));
        if (second == ScanStep.NeedMore)
        {
            Assert.That(pos, Is.EqualTo(before));
        }
    }

    [Test]
    public void A_truncated_element_needs_more_data_and_does_not_move()
    {
        var full = "[{\"at\":\"2026-11-19T10:00:00.25+02:00\",\"amt_out_sat\":123,\"fee_msat\":45,\"success\":false}]";
        for (var cut = 2; cut < full.Length - 2; cut++)
        {
            var data = Encoding.UTF8.GetBytes(full[..cut]);
            var pos = 1;
            Assert.That(ForwardScanner.Next(data, ref pos, first: true, out _), Is.EqualTo(ScanStep.NeedMore), $"cut at {cut}");
            Assert.That(pos, Is.EqualTo(1));
        }
    }

    private static string Outcome(Func<NodeSnapshot> read)
    {
        try
        {
            return Encoding.UTF8.GetString(NodeSnapshotJsonWriter.ToUtf8Bytes(read()));
        }
        catch (SnapshotFormatException e)
        {
            return "error: " + e.Message;
        }
    }

    /// <summary>The snapshot as JSON whose forwards are written in random but valid (and now and then invalid) forms.</summary>
    private static byte[] Reformat(NodeSnapshot snapshot, Random rnd)
    {
        var withoutForwards = snapshot with
        {
            Channels = [.. snapshot.Channels.Select((c, i) => c with { Forwards = [] })],
        };
        var text = Encoding.UTF8.GetString(NodeSnapshotJsonWriter.ToUtf8Bytes(withoutForwards, indented: rnd.Next(2) == 0));
        var builder = new StringBuilder();
        var channel = 0;
        var at = 0;
        while (true)
        {
            var next = text.IndexOf("\"forwards\":", at, StringComparison.Ordinal);
            if (next < 0)
            {
                builder.Append(text, at, text.Length - at);
                break;
            }

            var open = text.IndexOf('[', next);
            var close = text.IndexOf(']', open);
            builder.Append(text, at, open - at);
            builder.Append(Forwards(snapshot.Channels[channel].Forwards, rnd));
            at = close + 1;
            channel++;
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static string Forwards(IReadOnlyList<ForwardEvent> forwards, Random rnd)
    {
        string Ws() => rnd.Next(4) switch { 0 => "", 1 => " ", 2 => "\n  ", _ => "\t" };
        var items = new List<string>();
        foreach (var f in forwards)
        {
            var offset = rnd.Next(4) switch { 0 => TimeSpan.Zero, 1 => TimeSpan.FromHours(2), 2 => TimeSpan.FromMinutes(-330), _ => TimeSpan.FromHours(-13) };
            var local = f.At.ToOffset(offset);
            var fraction = local.Ticks % TimeSpan.TicksPerSecond;
            var stamp = local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
                + (fraction != 0 || rnd.Next(5) == 0 ? "." + fraction.ToString("0000000", CultureInfo.InvariantCulture)[..(fraction % 10 == 0 && rnd.Next(2) == 0 ? 6 : 7)] : "")
                + (offset == TimeSpan.Zero && rnd.Next(2) == 0 ? "Z" : local.ToString("zzz", CultureInfo.InvariantCulture));
            var fields = new List<string>
            {
                $"\"at\"{Ws()}:{Ws()}\"{stamp}\"",
                $"\"amt_out_sat\"{Ws()}:{Ws()}{f.AmtOutSat.ToString(CultureInfo.InvariantCulture)}",
                $"\"fee_msat\":{Ws()}{f.FeeMsat.ToString(CultureInfo.InvariantCulture)}",
            };
            if (!f.Success || rnd.Next(3) != 0)
            {
                fields.Add($"\"success\":{(f.Success ? (rnd.Next(4) == 0 ? "null" : "true") : "false")}");
            }

            if (rnd.Next(40) == 0)
            {
                // Now and then something the fast path must hand over (or the reader must reject).
                fields[rnd.Next(fields.Count)] = rnd.Next(6) switch
                {
                    0 => $"\"\\u0061t\":\"{stamp}\"",
                    1 => "\"amt_out_sat\":1e3",
                    2 => "\"fee_msat\":-4",
                    3 => "\"extra\":1",
                    4 => "\"amt_out_sat\":007",
                    _ => $"\"at\":\"{stamp.ToLowerInvariant()}\"",
                };
            }

            var shuffled = fields.OrderBy(_ => rnd.Next()).ToList();
            items.Add("{" + Ws() + string.Join("," + Ws(), shuffled) + Ws() + "}");
        }

        var separator = rnd.Next(30) == 0 ? " " : "," + Ws();
        return "[" + Ws() + string.Join(separator, items) + Ws() + "]";
    }
}
