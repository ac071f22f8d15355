namespace Mcp.Engine.Configuration;

/// <summary>Alert delivery: Telegram and a generic webhook.</summary>
internal sealed class AlertOptions
{
    [EnvSetting("MCP_TELEGRAM_BOT_TOKEN", Aliases = ["TELEGRAM_BOT_TOKEN"], Secret = true, Description = "Telegram bot token; unset = no Telegram.")]
    public string? TelegramBotToken { get; set; }

    [EnvSetting("MCP_TELEGRAM_CHAT_ID", Aliases = ["TELEGRAM_CHAT_ID"], Description = "Telegram chat id that receives alerts.")]
    public string? TelegramChatId { get; set; }

    [EnvSetting("MCP_TELEGRAM_API_BASE", Description = "Base URL of the Telegram Bot API.")]
    public string TelegramApiBase { get; set; } = "https://api.telegram.org";

    [EnvSetting("MCP_ALERT_WEBHOOK_URL", Secret = true, Description = "URL that receives alerts as JSON; unset = no webhook.")]
    public string? WebhookUrl { get; set; }

    [EnvSetting("MCP_ALERT_WEBHOOK_SECRET", Secret = true, Description = "Key of the HMAC-SHA256 signature header of webhook deliveries.")]
    public string? WebhookSecret { get; set; }

    [EnvSetting("MCP_ALERT_REPEAT", Description = "Minimum time between two reminders of an alert that stays firing.")]
    public TimeSpan Repeat { get; set; } = TimeSpan.FromMinutes(15);
}
