using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Tests.Parity;

/// <summary>The original engine's results on random snapshots (see Data/PROVENANCE.md).</summary>
internal static class ParityVectors
{
    private static readonly Lazy<IReadOnlyList<ParityCase>> Loaded = new(Load);

    public static IReadOnlyList<ParityCase> Cases => Loaded.Value;

    public static IEnumerable<TestCaseData> Channels()
    {
        for (var c = 0; c < Cases.Count; c++)
        {
            foreach (var channelId in Cases[c].Expected.Keys.Order(StringComparer.Ordinal))
            {
                yield return new TestCaseData(c, channelId).SetArgDisplayNames($"case{c}", channelId);
            }
        }
    }

    private static List<ParityCase> Load()
    {
        using var file = File.OpenRead(RepositoryPaths.ParityData("parity_vectors.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        var cases = new List<ParityCase>();
        foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            // The generator's duplicate-peer patch can leave its placeholder "DUP" as a remote pubkey
            // (when the first channel of a node is itself marked DUP). Only equality of pubkeys
            // matters to the engine, so every "DUP" becomes one valid pubkey absent from the data.
            var raw = item.GetProperty("snapshot").GetRawText().Replace("\"DUP\"", $"\"{DuplicatePeer}\"", StringComparison.Ordinal);
            var snapshotJson = Encoding.UTF8.GetBytes(raw);
            var snapshot = NodeSnapshotJsonReader.Read(snapshotJson, "parity_vectors.json.gz");
            var expected = new Dictionary<string, ParityExpectation>(StringComparer.Ordinal);
            foreach (var channel in item.GetProperty("expected").EnumerateObject())
            {
                var e = channel.Value;
                var scores = e.GetProperty("scores");
                expected[channel.Name] = new ParityExpectation(
                    [.. Names.Select(n => scores.GetProperty(n).GetDouble())],
                    e.GetProperty("total_score").GetDouble(),
                    e.GetProperty("original_decision").GetString()!,
                    e.GetProperty("original_confidence").GetDouble(),
                    e.GetProperty("original_params").Clone());
            }

            cases.Add(new ParityCase(snapshot, expected));
        }

        return cases;
    }

    /// <summary>Stands for the generator's "DUP" placeholder.</summary>
    public const string DuplicatePeer = "02" + "0000000000000000000000000000000000000000000000000000000000000d0d";

    public static readonly string[] Names =
        ["centrality", "liquidity", "activity", "competitiveness", "reliability", "age", "peer_quality", "position"];
}
