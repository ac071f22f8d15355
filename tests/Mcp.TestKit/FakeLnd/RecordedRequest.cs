namespace Mcp.TestKit.FakeLnd;

/// <summary>A request the fake LND received, as it arrived.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt)
{
    public string? Macaroon => Headers.TryGetValue("Grpc-Metadata-macaroon", out var value) ? value : null;

    public override string ToString() => $"{Method} {Path}{Query}";
}
