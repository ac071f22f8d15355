using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Mcp.Benchmarks.Daemon;

/// <summary>
/// <c>kestrel-floor --listen ADDRESS</c>: the smallest ASP.NET Core program the daemon could be (the
/// empty builder, Kestrel's core, one endpoint answering a fixed metrics text), run by the daemon
/// bench's <c>--floor</c> as a reference: the memory, start-up and latency of the runtime and Kestrel
/// alone, with the daemon's runtime settings, measured the same way as the daemon.
/// </summary>
internal static class KestrelFloorCommand
{
    public const string Name = "kestrel-floor";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["--listen", var listen])
        {
            await Console.Error.WriteLineAsync("usage: kestrel-floor --listen HOST:PORT");
            return 2;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls("http://" + listen);
        await using var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            return context.Response.WriteAsync("# TYPE up gauge\nup 1\n", context.RequestAborted);
        });
        await app.RunAsync();
        return 0;
    }
}
