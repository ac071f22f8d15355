namespace Mcp.Benchmarks.Daemon;

/// <summary>
/// An open-loop load generator: requests are scheduled at a fixed rate whatever the server does, and
/// each latency is measured from the request's scheduled start, so a slow response cannot hide the
/// requests that should have been sent meanwhile (no coordinated omission).
/// </summary>
internal sealed class ConstantRateLoad(HttpClient client, TimeProvider clock)
{
    /// <summary>Latencies in milliseconds and the number of failed requests.</summary>
    public async Task<(IReadOnlyList<double> LatenciesMs, int Errors)> RunAsync(
        Uri url, int requestsPerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var total = (int)(requestsPerSecond * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / requestsPerSecond);
        var requests = new List<Task<double?>>(total);
        var start = clock.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            var wait = due - clock.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }

            requests.Add(SendAsync(url, start, due, cancellationToken));
        }

        var results = await Task.WhenAll(requests);
        return ([.. results.OfType<double>()], results.Count(r => r is null));
    }

    private async Task<double?> SendAsync(Uri url, long start, TimeSpan due, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            return (clock.GetElapsedTime(start) - due).TotalMilliseconds;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
