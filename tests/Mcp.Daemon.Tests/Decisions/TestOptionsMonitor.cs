using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Tests.Decisions;

/// <summary>An options monitor whose value the test sets (as a reload would).</summary>
internal sealed class TestOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
