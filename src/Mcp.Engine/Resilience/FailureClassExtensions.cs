namespace Mcp.Engine.Resilience;

/// <summary>Stable label values for <see cref="FailureClass"/>.</summary>
internal static class FailureClassExtensions
{
    public static string ToLabel(this FailureClass failure) => failure switch
    {
        FailureClass.Timeout => "timeout",
        FailureClass.Connection => "connection",
        FailureClass.Tls => "tls",
        FailureClass.Auth => "auth",
        FailureClass.Http4xx => "http_4xx",
        FailureClass.Http5xx => "http_5xx",
        FailureClass.Malformed => "malformed",
        FailureClass.Inconsistent => "inconsistent",
        FailureClass.Disk => "disk",
        _ => "unknown",
    };
}
