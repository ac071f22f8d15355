namespace Mcp.Daemon.Hosting;

/// <summary>A startup task cannot succeed; the daemon stops with <see cref="ExitCode"/>.</summary>
internal sealed class StartupFailedException : Exception
{
    public StartupFailedException()
        : this("startup failed", Cli.ExitCodes.InternalError)
    {
    }

    public StartupFailedException(string message)
        : this(message, Cli.ExitCodes.InternalError)
    {
    }

    public StartupFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = Cli.ExitCodes.InternalError;
    }

    public StartupFailedException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
