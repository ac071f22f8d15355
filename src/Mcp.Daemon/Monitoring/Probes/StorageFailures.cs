using System.Net.Sockets;
using Mcp.Engine.Resilience;
using Mcp.Engine.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>Maps a storage failure to a failure class from the provider error underneath it.</summary>
internal static class StorageFailures
{
    public static FailureClass Classify(StorageException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is SchemaTooNewException)
        {
            return FailureClass.Inconsistent;
        }

        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case PostgresException { SqlState: "28P01" or "28000" }:
                    return FailureClass.Auth;
                case SqliteException { SqliteErrorCode: 26 or 11 }:
                    return FailureClass.Malformed; // not a database / corrupt
                case SqliteException { SqliteErrorCode: 10 or 13 or 14 }:
                    return FailureClass.Disk; // I/O error, disk full, cannot open
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    return FailureClass.Timeout; // busy or locked past busy_timeout
                case TimeoutException:
                    return FailureClass.Timeout;
                case SocketException:
                    return FailureClass.Connection;
                case IOException:
                    return FailureClass.Disk;
                default:
                    break;
            }
        }

        return exception is StorageUnavailableException ? FailureClass.Connection : FailureClass.Inconsistent;
    }
}
