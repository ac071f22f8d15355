using System.Text.RegularExpressions;

namespace Mcp.Engine.Scheduling;

/// <summary>A validated job: its name, parsed schedule, settings and the work to run.</summary>
internal sealed partial class ScheduledJobDefinition
{
    private ScheduledJobDefinition(string name, CronSchedule schedule, ScheduledJobSettings settings, Func<ScheduledRun, CancellationToken, Task> run)
    {
        Name = name;
        Schedule = schedule;
        Settings = settings;
        Run = run;
    }

    /// <summary>Lower-case letters, digits and underscores (it is a metric label value and a store key).</summary>
    public string Name { get; }

    public CronSchedule Schedule { get; }

    public ScheduledJobSettings Settings { get; }

    public Func<ScheduledRun, CancellationToken, Task> Run { get; }

    /// <summary>
    /// Validates and builds a job; throws <see cref="ArgumentException"/> with a message naming the
    /// job and what is wrong (bad name, expression, zone, an expression that never fires, or a
    /// negative duration).
    /// </summary>
    public static ScheduledJobDefinition Create(string name, ScheduledJobSettings settings, Func<ScheduledRun, CancellationToken, Task> run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(run);
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"scheduled job name '{name}' is invalid: use lower-case letters, digits and underscores, starting with a letter", nameof(name));
        }

        if (!CronSchedule.TryCreate(settings.Cron, settings.TimeZone, now, out var schedule, out var error))
        {
            throw new ArgumentException($"scheduled job '{name}': {error}", nameof(settings));
        }

        if (settings.Grace < TimeSpan.Zero)
        {
            throw new ArgumentException($"scheduled job '{name}': the grace period must not be negative (got {settings.Grace})", nameof(settings));
        }

        if (settings.RetryDelay is { } retry && retry <= TimeSpan.Zero)
        {
            throw new ArgumentException($"scheduled job '{name}': the retry delay must be positive (got {retry})", nameof(settings));
        }

        if (settings.MaxRunDuration is { } max && max <= TimeSpan.Zero)
        {
            throw new ArgumentException($"scheduled job '{name}': the maximum run duration must be positive (got {max})", nameof(settings));
        }

        return new ScheduledJobDefinition(name, schedule!, settings, run);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
