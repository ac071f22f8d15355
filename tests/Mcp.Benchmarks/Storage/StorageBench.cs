using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mcp.Engine.Decisions;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Postgres;
using Mcp.Engine.Storage.Sql;
using Mcp.Engine.Storage.Sqlite;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Benchmarks.Storage;

/// <summary>
/// <c>dotnet run -c Release --project tests/Mcp.Benchmarks -- storage [--quick]</c>: insert and query
/// rates of decisions and reports on SQLite (WAL, synchronous=FULL) and on a private, durable
/// PostgreSQL server (fsync on), and the size on disk per 1,000 reports. Prints a Markdown table.
/// </summary>
internal static class StorageBench
{
    private const int BigChannels = 3000;
    private const int SmallChannels = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var rounds = quick ? 4 : 20;
        var smallNodes = quick ? 8 : 40;
        var reports = quick ? 1000 : 10_000;
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"| backend | measurement | result |");
        output.AppendLine("|---|---|---|");

        using var directory = new TempDirectory("mcp-bench");
        await using (var sqlite = new SqliteStore(directory.Combine("bench.db"), TimeProvider.System, NullLogger<SqliteStore>.Instance))
        {
            await RunBackendAsync("sqlite", sqlite, rounds, smallNodes, reports, output, () => SqliteSizeAsync(directory.Combine("bench.db")));
        }

        await using (var server = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true }))
        {
            var database = await server.CreateDatabaseAsync("bench");
            await using var postgres = new PostgresStore(DatabaseSetting.Parse(server.Url(database), "/x"), TimeProvider.System, NullLogger<PostgresStore>.Instance);
            await RunBackendAsync("postgres", postgres, rounds, smallNodes, reports, output, async () =>
                Convert.ToInt64(await server.ScalarAsync(database, "SELECT pg_total_relation_size('daily_reports')"), CultureInfo.InvariantCulture));
        }

        Console.WriteLine(output.ToString());
        return 0;
    }

    private static async Task RunBackendAsync(string name, SqlStore store, int rounds, int smallNodes, int reportCount, StringBuilder output, Func<Task<long>> reportBytes)
    {
        await store.MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        void Row(string what, string result)
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {what} | {result} |");
            Console.Error.WriteLine($"{name}: {what}: {result}");
        }

        // Decisions: a 3,000-channel node decided hourly, plus small nodes of 50 channels.
        var bigRoundTimes = new List<double>();
        var bigRoundCpu = TimeSpan.Zero;
        long rows = 0;
        var total = Stopwatch.StartNew();
        for (var r = rounds - 1; r >= 0; r--)
        {
            var round = Round("big", BigChannels, now.AddHours(-r));
            var cpu = System.Environment.CpuUsage.TotalTime;
            var sw = Stopwatch.StartNew();
            await store.RecordAsync(round, CancellationToken.None);
            bigRoundTimes.Add(sw.Elapsed.TotalMilliseconds);
            bigRoundCpu += System.Environment.CpuUsage.TotalTime - cpu;
            rows += round.Length;
            for (var n = 0; n < smallNodes; n++)
            {
                var small = Round($"small-{n:D2}", SmallChannels, now.AddHours(-r));
                await store.RecordAsync(small, CancellationToken.None);
                rows += small.Length;
            }
        }

        total.Stop();
        Row($"insert {rows:N0} decisions ({rounds} rounds of 3,000 + {rounds * smallNodes} rounds of 50)", $"{rows / total.Elapsed.TotalSeconds:N0} rows/s");
        Row("record one 3,000-channel round (batched)", Percentiles(bigRoundTimes) + string.Create(CultureInfo.InvariantCulture, $"; client CPU {bigRoundCpu.TotalMilliseconds / rounds:F1} ms/round"));

        var smallList = await TimeAsync(30, () => store.ListAsync(new DecisionQuery { NodeId = "small-07", Since = now.AddHours(-24) }, CancellationToken.None));
        Row($"list a 50-channel node's last 24 h ({Math.Min(rounds, 25) * SmallChannels:N0} rows)", smallList);
        var bigList = await TimeAsync(5, () => store.ListAsync(new DecisionQuery { NodeId = "big", Since = now.AddHours(-24) }, CancellationToken.None));
        Row($"list the 3,000-channel node's last 24 h ({Math.Min(rounds, 25) * BigChannels:N0} rows)", bigList);
        var some = (await store.ListAsync(new DecisionQuery { NodeId = "small-03", Since = now.AddHours(-2), Limit = 1 }, CancellationToken.None))[0];
        Row("get one decision by id", await TimeAsync(200, () => store.GetAsync(some.Id, CancellationToken.None)));

        // Reports: claim + complete with a realistic document, 10 generators at a time.
        var sizeBefore = await reportBytes();
        var document = ReportDocument();
        var date = DateOnly.FromDateTime(now.UtcDateTime);
        var next = -1;
        var claimTimes = new List<double>[10];
        total.Restart();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async worker =>
        {
            claimTimes[worker] = [];
            int i;
            while ((i = Interlocked.Increment(ref next)) < reportCount)
            {
                var sw = Stopwatch.StartNew();
                var key = new ReportKey($"user-{i:D5}", $"node-{i:D5}", date);
                var claim = await store.TryClaimAsync(key, new ReportClaimRequest { Owner = "bench", FencingToken = 1, Now = now, StaleAfter = TimeSpan.FromMinutes(10) }, CancellationToken.None);
                await store.CompleteAsync(claim.Claim!, document, TimeSpan.FromSeconds(2), now, CancellationToken.None);
                claimTimes[worker].Add(sw.Elapsed.TotalMilliseconds);
            }
        }));
        total.Stop();
        Row($"generate-and-store {reportCount:N0} reports (claim + complete, 10 concurrent, {document.Length / 1024.0:N1} KiB JSON each)", $"{reportCount / total.Elapsed.TotalSeconds:N0} reports/s; per report {Percentiles(claimTimes.SelectMany(t => t).ToList())}");
        var sizeAfter = await reportBytes();
        Row("size on disk per 1,000 reports", $"{(sizeAfter - sizeBefore) / (reportCount / 1000.0) / (1024 * 1024):N2} MiB");
        Row("get a report by (user, node, date)", await TimeAsync(200, () => store.GetAsync(new ReportKey("user-00042", "node-00042", date), CancellationToken.None)));
        Row($"statistics of a day ({reportCount:N0} reports)", await TimeAsync(10, () => store.GetStatisticsAsync(date, date, CancellationToken.None)));
    }

    private static DecisionRecord[] Round(string node, int channels, DateTimeOffset at)
    {
        var roundId = Guid.NewGuid();
        return Enumerable.Range(0, channels).Select(c => new DecisionRecord
        {
            Id = Guid.NewGuid(),
            NodeId = node,
            ChannelId = $"{800000 + c}x{c % 3000}x{c % 4}",
            RoundId = roundId,
            EvaluatedAt = at,
            Action = (c % 7) switch { 0 => "raise_fee", 1 => "lower_fee", _ => "none" },
            BlockedBy = c % 11 == 0 ? "cooldown" : null,
            Mode = DecisionMode.DryRun,
            TotalScore = (c % 100) / 100.0,
            Confidence = 0.8,
            ExplanationJson = string.Create(CultureInfo.InvariantCulture,
                $$"""{"scores":{"centrality":0.41,"liquidity":{{(c % 100) / 100.0}},"activity":0.2,"competitiveness":0.5,"reliability":0.99,"age":0.7,"peer_quality":0.6,"position":0.3},"rule":"depleted_outbound","current":{"fee_rate_ppm":{{c % 900}},"base_fee_msat":1000},"proposal":{"fee_rate_ppm":{{c % 900 + 25}}},"reason":"outbound liquidity below 20 % and forwards in the last 24 h"}"""),
        }).ToArray();
    }

    private static string ReportDocument()
    {
        var channels = string.Join(",", Enumerable.Range(0, 20).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $$"""{"channel_id":"8{{i:D5}}x1x0","score":0.{{i:D2}},"local_ratio":0.{{(i * 7) % 100:D2}},"forwards_24h":{{i * 3}},"fees_msat_24h":{{i * 1234}}}""")));
        return $$$"""{"format":"mcp.daily-report/1","summary":{"overall_score":78,"status":"warning","capacity_sat":125000000,"channels_active":42,"channels_inactive":3},"forwarding":{"count_24h":311,"volume_msat_24h":912345678,"fees_msat_24h":45678,"success_rate_24h":0.93},"top_channels":[{{{channels}}}],"recommendations":[{"priority":"medium","category":"fees","title":"Lower fees on idle channels","channels":["812345x1x0","812346x2x1"]}],"alerts":[],"trends":{"score_7d":[70,72,75,74,76,77,78]}}""";
    }

    private static async Task<string> TimeAsync<T>(int repetitions, Func<Task<T>> action)
    {
        await action();
        var times = new List<double>(repetitions);
        var cpu = System.Environment.CpuUsage.TotalTime;
        for (var i = 0; i < repetitions; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        var cpuPerCall = (System.Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / repetitions;
        return Percentiles(times) + string.Create(CultureInfo.InvariantCulture, $"; client CPU {cpuPerCall:F2} ms/call");
    }

    private static string Percentiles(List<double> milliseconds)
    {
        milliseconds.Sort();
        double At(double q) => milliseconds[Math.Clamp((int)Math.Ceiling(q * milliseconds.Count) - 1, 0, milliseconds.Count - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.5):F2} ms, p95 {At(0.95):F2} ms, max {milliseconds[^1]:F2} ms (n={milliseconds.Count})");
    }

    /// <summary>The file size after a checkpoint folded the WAL into it.</summary>
    private static async Task<long> SqliteSizeAsync(string path)
    {
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await command.ExecuteNonQueryAsync();
        }

        return new FileInfo(path).Length;
    }
}
