namespace Mcp.Daemon.Hosting;

/// <summary>Lets a startup task say what it is doing or waiting for (and proves it is not stuck).</summary>
internal interface IStartupProgress
{
    void Report(string what);
}
