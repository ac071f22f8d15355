using Microsoft.Extensions.DependencyInjection;

namespace Mcp.Daemon.Configuration.Online;

/// <summary>Runs every registered online check, in registration order, each with a timeout.</summary>
internal sealed class OnlineCheckRunner(IServiceProvider services, TimeProvider time)
{
    public async Task<IReadOnlyList<(string Name, OnlineCheckResult Result, TimeSpan Duration)>> RunAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var checks = services.GetServices<IOnlineCheck>()
            .Concat(services.GetServices<IOnlineCheckSource>().SelectMany(s => s.GetChecks()))
            .ToArray();
        var results = new List<(string, OnlineCheckResult, TimeSpan)>();
        foreach (var check in checks)
        {
            var started = time.GetTimestamp();
            using var timeoutSource = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            OnlineCheckResult result;
            try
            {
                result = await check.RunAsync(linked.Token);
            }
            catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                result = OnlineCheckResult.Failure($"no answer within {SettingValueParser.FormatDuration(timeout)}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                result = OnlineCheckResult.Failure(e.Message);
            }

            results.Add((check.Name, result, time.GetElapsedTime(started)));
        }

        return results;
    }
}
