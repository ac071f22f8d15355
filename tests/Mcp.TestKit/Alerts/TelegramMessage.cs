namespace Mcp.TestKit.Alerts;

/// <summary>A message the fake Telegram accepted: <see cref="Text"/> is what a chat member reads (tags removed, entities decoded).</summary>
internal sealed record TelegramMessage(long MessageId, string ChatId, string Text, string RawText, string? ParseMode, string Body, DateTimeOffset ReceivedAt);
