namespace Mcp.Daemon.Configuration.Online;

/// <summary>The outcome of an online check, with a one-line detail (what answered, or the error).</summary>
internal sealed record OnlineCheckResult(bool Ok, string Detail)
{
    public static OnlineCheckResult Success(string detail) => new(true, detail);

    public static OnlineCheckResult Failure(string detail) => new(false, detail);
}
