namespace Mcp.Daemon.Cli;

/// <summary>Process exit codes (sysexits.h where one fits), as documented in the README.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Some items of a batch failed (reports run, rollback).</summary>
    public const int PartialFailure = 1;

    /// <summary>EX_USAGE: the command line does not parse (unknown verb or option, missing value).</summary>
    public const int UsageError = 64;

    /// <summary>EX_DATAERR: bad input data (snapshot, cron expression, zone).</summary>
    public const int DataError = 65;

    /// <summary>EX_UNAVAILABLE: a dependency (node, database, Redis) is unreachable.</summary>
    public const int Unavailable = 69;

    /// <summary>EX_SOFTWARE: an internal error.</summary>
    public const int InternalError = 70;

    /// <summary>EX_CONFIG: invalid configuration; systemd must not restart-loop on it.</summary>
    public const int ConfigError = 78;
}
