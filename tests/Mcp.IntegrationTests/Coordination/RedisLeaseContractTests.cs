using Mcp.Engine.Coordination;
using Mcp.Engine.Coordination.Redis;
using Mcp.Engine.Observability;
using Mcp.TestKit.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Mcp.IntegrationTests.Coordination;

/// <summary>
/// The lease contract against a real redis-server. Each "instance" has its own multiplexer (its own
/// TCP connection), exactly as two daemon processes would; <see cref="RedisCrossProcessTests"/>
/// repeats the decisive cases with a second OS process.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RedisLeaseContractTests : LeaseContractTests
{
    private readonly List<RedisConnection> _connections = [];
    private RedisServer? _server;
    private ConnectionMultiplexer? _inspector;

    [OneTimeSetUp]
    public async Task StartRedisAsync()
    {
        _server = await RedisServer.StartAsync();
        _inspector = await ConnectionMultiplexer.ConnectAsync(_server.Endpoint);
    }

    [OneTimeTearDown]
    public async Task StopRedisAsync()
    {
        _inspector?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [TearDown]
    public async Task CloseConnectionsAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        _connections.Clear();
    }

    private protected override Task<ILeaseManager> ManagerAsync()
    {
        var connection = new RedisConnection(RedisSetting.Parse(_server!.Setting), TimeProvider.System, new MetricRegistry(), NullLogger<RedisConnection>.Instance);
        _connections.Add(connection);
        return Task.FromResult<ILeaseManager>(new RedisLeaseManager(connection, Clock, NullLogger<RedisLeaseManager>.Instance));
    }

    private protected override async Task ExpireInBackendAsync(string resource, TimeSpan ttl)
    {
        var gone = await ServerProcesses.WaitUntilAsync(
            async () => !await _inspector!.GetDatabase().KeyExistsAsync("mcp:lease:" + resource),
            TimeSpan.FromSeconds(10));
        Assert.That(gone, Is.True, "Redis expired the lease key");
    }
}
