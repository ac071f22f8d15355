using System.CommandLine;
using System.Globalization;
using Mcp.Engine.Scheduling;

namespace Mcp.Daemon.Cli.Cron;

/// <summary>
/// <c>mcp-daemon cron next "EXPR" [--tz ZONE] [--from ISO-8601] [--inclusive] [--count N]</c>:
/// prints the next occurrences of a cron expression, one ISO-8601 instant with the zone's offset
/// per line (none for an expression that never fires). Exit 0; 65 with a message on standard
/// error for a bad expression, zone, start or count.
/// </summary>
internal sealed class CronNextCommand(TimeProvider time)
{
    public const int DefaultCount = 5;
    public const int MaxCount = 10_000;
    public const string DefaultZone = "UTC";

    /// <summary>Builds <c>cron</c> with its subcommand <c>next</c>, for the root command.</summary>
    public Command BuildCommand()
    {
        var expression = new Argument<string[]>("expression")
        {
            Description = "Cron expression: 5 fields (minute hour day-of-month month day-of-week) or 6 (second first); quote it as one argument.",
            Arity = ArgumentArity.OneOrMore,
        };
        var zone = new Option<string>("--tz")
        {
            Description = "IANA time zone the expression is read in (e.g. Europe/Paris).",
            DefaultValueFactory = _ => DefaultZone,
        };
        var from = new Option<string?>("--from")
        {
            Description = "Start: an ISO-8601 instant with an offset, or a wall-clock time in --tz. Default: now.",
        };
        var inclusive = new Option<bool>("--inclusive")
        {
            Description = "--from itself counts if it matches.",
        };
        var count = new Option<int>("--count")
        {
            Description = $"How many occurrences to print (1 to {MaxCount}).",
            DefaultValueFactory = _ => DefaultCount,
        };

        var next = new Command("next", "Print the next occurrences of a cron expression in a time zone, with daylight-saving rules applied.")
        {
            expression,
            zone,
            from,
            inclusive,
            count,
        };
        next.SetAction((result, cancellationToken) => RunAsync(
            string.Join(' ', result.GetValue(expression) ?? []),
            result.GetValue(zone),
            result.GetValue(from),
            result.GetValue(inclusive),
            result.GetValue(count),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));

        return new Command("cron", "Cron schedule tools.") { next };
    }

    public async Task<int> RunAsync(
        string expression,
        string? zone,
        string? from,
        bool inclusive,
        int count,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (!CronExpression.TryParse(expression, out var cron, out var error)
            || !CronTimeZones.TryFind(zone ?? DefaultZone, out var timeZone, out error))
        {
            return await FailAsync(stderr, error!);
        }

        if (count is < 1 or > MaxCount)
        {
            return await FailAsync(stderr, $"--count {count.ToString(CultureInfo.InvariantCulture)} is out of range; accepted: 1 to {MaxCount}");
        }

        var start = time.GetUtcNow();
        if (from is not null && !CronStartParser.TryParse(from, timeZone!, out start, out error))
        {
            return await FailAsync(stderr, error!);
        }

        foreach (var occurrence in cron!.GetOccurrences(start, timeZone!, inclusive).Take(count))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await stdout.WriteLineAsync(occurrence.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture).AsMemory(), cancellationToken);
        }

        await stdout.FlushAsync(cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<int> FailAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync($"cron next: {message}");
        await stderr.FlushAsync();
        return ExitCodes.DataError;
    }
}
