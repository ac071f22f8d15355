namespace Mcp.Engine.Resilience;

/// <summary>A response body went over its size limit; reading stopped at the limit.</summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException()
        : this(0)
    {
    }

    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResponseTooLargeException(long limitBytes)
        : base($"the response body exceeds the limit of {limitBytes} bytes; it was not read further")
    {
        LimitBytes = limitBytes;
    }

    public long LimitBytes { get; }
}
