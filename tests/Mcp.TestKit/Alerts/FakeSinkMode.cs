namespace Mcp.TestKit.Alerts;

/// <summary>How a fake alert receiver behaves.</summary>
internal enum FakeSinkMode
{
    /// <summary>Accepts (after the strict checks).</summary>
    Accept,

    /// <summary>Answers HTTP 500 with the service's error shape.</summary>
    Fail500,

    /// <summary>Never answers (until the client gives up or the mode changes).</summary>
    Hang,

    /// <summary>HTTP 429 with a retry delay.</summary>
    TooManyRequests,
}
