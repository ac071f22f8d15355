using System.Globalization;
using Mcp.Engine.Configuration;
using Mcp.Engine.Reports;
using Mcp.Engine.Snapshots;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Reports;

/// <summary>
/// The report files <c>$MCP_DATA_DIR/reports/daily/{user_id}/{YYYYMMDD}.json</c>: one per user and
/// date, holding that day's completed reports of the user's nodes (<see cref="DailyReportBundle"/>).
/// Written atomically (temporary file in the same directory, fsync, rename, fsync of the
/// directory), so a reader or a crash never sees a partial file; a temporary file left by a crash
/// is removed the next time that file is written. Writers hold the report lease of the user and
/// date, so one file has one writer at a time.
/// </summary>
internal sealed class DailyReportFiles(IOptions<DaemonOptions> options)
{
    public string Root => Path.Combine(Path.GetFullPath(options.Value.DataDir), "reports", "daily");

    /// <summary>The file of a user and date; refuses a user id that is not a plain directory name.</summary>
    public string PathOf(string userId, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (userId.Length == 0 || userId is "." or ".." || userId.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new ArgumentException($"user id '{userId}' cannot name a report directory (use letters, digits, '.', '_' and '-', not '.' or '..')", nameof(userId));
        }

        return Path.Combine(Root, userId, FileName(date));
    }

    public static string FileName(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".json";

    /// <summary>The report ids in the file, or null when it does not exist or cannot be read (it is then rewritten).</summary>
    public static IReadOnlySet<Guid>? ReadReportIds(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        try
        {
            return DailyReportJson.ParseBundle(content).Reports.Select(r => r.ReportId).ToHashSet();
        }
        catch (ReportDocumentException)
        {
            return null;
        }
    }

    /// <summary>Writes the file of a user and date from the stored documents (reports ordered by node id).</summary>
    public async Task<string> WriteAsync(string userId, DateOnly date, IReadOnlyList<(string NodeId, string Document)> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var path = PathOf(userId, date);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        RemoveTemporaryFiles(directory, Path.GetFileName(path));
        var documents = reports.OrderBy(r => r.NodeId, StringComparer.Ordinal).Select(r => r.Document).ToArray();
        await AtomicFile.WriteAsync(path, stream => DailyReportJson.WriteBundle(userId, date, documents, stream), cancellationToken);
        return path;
    }

    /// <summary>Removes the files dated before <paramref name="cutoff"/>; returns how many.</summary>
    public int Purge(DateOnly cutoff)
    {
        var root = Root;
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (name.Length == 8
                    && DateOnly.TryParseExact(name, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    && date < cutoff)
                {
                    try
                    {
                        File.Delete(file);
                        removed++;
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // left for the next pass
                    }
                }
            }
        }

        return removed;
    }

    /// <summary>Temporary files of an interrupted write of this file (the writer holds the lease, so none is in use).</summary>
    private static void RemoveTemporaryFiles(string directory, string fileName)
    {
        foreach (var temporary in Directory.EnumerateFiles(directory, "." + fileName + ".*.tmp"))
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // a later write tries again
            }
        }
    }
}
