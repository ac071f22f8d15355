namespace Mcp.Engine.Scheduling;

/// <summary>
/// A cron expression that does not parse. The message quotes the expression and, when the
/// problem is inside one field, names that field, the offending token and the accepted form.
/// </summary>
internal sealed class CronFormatException : FormatException
{
    public CronFormatException(string expression, CronField? field, string? token, string problem)
        : base(BuildMessage(expression, field, token, problem))
    {
        Expression = expression;
        Field = field;
        Token = token;
        Problem = problem;
    }

    public CronFormatException()
        : this("", null, null, "empty expression")
    {
    }

    public CronFormatException(string message)
        : base(message)
    {
        Expression = "";
        Problem = message;
    }

    public CronFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expression = "";
        Problem = message;
    }

    public string Expression { get; }

    /// <summary>The field in error, or null when the problem is the expression as a whole.</summary>
    public CronField? Field { get; }

    /// <summary>The offending token (a list item or a part of one), or null.</summary>
    public string? Token { get; }

    /// <summary>The problem alone, without the expression (for compact messages).</summary>
    public string Problem { get; }

    private static string BuildMessage(string expression, CronField? field, string? token, string problem)
    {
        var where = field is { } f
            ? token is null
                ? $"{CronFieldRules.DisplayName(f)} field: "
                : $"{CronFieldRules.DisplayName(f)} field, token '{token}': "
            : "";
        return $"invalid cron expression '{expression}': {where}{problem}";
    }
}
