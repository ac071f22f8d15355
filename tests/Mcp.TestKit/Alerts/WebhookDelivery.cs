using System.Text.Json;

namespace Mcp.TestKit.Alerts;

/// <summary>A request the webhook receiver got: headers, the body bytes as received, and the parsed JSON.</summary>
internal sealed record WebhookDelivery(IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public string Event => Json.GetProperty("event").GetString()!;

    public string Key => Json.GetProperty("alert").GetProperty("key").GetString()!;

    public string Text => Json.GetProperty("text").GetString()!;
}
