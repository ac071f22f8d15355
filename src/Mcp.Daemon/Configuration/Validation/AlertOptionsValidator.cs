using System.Text.RegularExpressions;
using Mcp.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration.Validation;

internal sealed partial class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new OptionsChecks<AlertOptions>();
        if (options.TelegramBotToken is { } token && !BotTokenRegex().IsMatch(token))
        {
            checks.Fail(nameof(AlertOptions.TelegramBotToken), token, "a bot token as given by @BotFather: digits, ':', then 30 or more letters, digits, '_' or '-'");
        }

        if (options.TelegramChatId is { } chat && !ChatIdRegex().IsMatch(chat))
        {
            checks.Fail(nameof(AlertOptions.TelegramChatId), chat, "a numeric chat id (negative for groups) or @channelname");
        }

        checks.Together(nameof(AlertOptions.TelegramBotToken), options.TelegramBotToken, nameof(AlertOptions.TelegramChatId), options.TelegramChatId);
        checks.HttpUrl(nameof(AlertOptions.TelegramApiBase), options.TelegramApiBase, optional: false);
        checks.HttpUrl(nameof(AlertOptions.WebhookUrl), options.WebhookUrl, optional: true);
        if (options.WebhookSecret is not null && options.WebhookUrl is null)
        {
            checks.Add(SettingMessages.Requires<AlertOptions>(nameof(AlertOptions.WebhookSecret), nameof(AlertOptions.WebhookUrl)));
        }

        checks.Duration(nameof(AlertOptions.Repeat), options.Repeat, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        return checks.Result();
    }

    [GeneratedRegex("^[0-9]{1,20}:[A-Za-z0-9_-]{30,}$")]
    private static partial Regex BotTokenRegex();

    [GeneratedRegex("^(-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,})$")]
    private static partial Regex ChatIdRegex();
}
