using Mcp.Engine.Storage;

namespace Mcp.Daemon.Storage;

/// <summary>
/// Whether the database is open and migrated. The migration service sets it; <c>/health/ready</c>,
/// sd_notify READY=1 and the loops read it. A configuration error (exit 78) is kept in
/// <see cref="ConfigurationError"/> so the host can exit with the right code.
/// </summary>
internal sealed class StorageReadiness
{
    private readonly TaskCompletionSource<SchemaStatus> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _lastError;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    public SchemaStatus? Schema => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : null;

    /// <summary>The last error while not ready (unreachable database), for the readiness body.</summary>
    public string? LastError => _lastError;

    public StorageConfigurationException? ConfigurationError { get; private set; }

    /// <summary>Completes once migrations are applied; faults with the configuration error when there is one.</summary>
    public Task<SchemaStatus> WhenReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    internal void SetReady(SchemaStatus schema)
    {
        _lastError = null;
        _ready.TrySetResult(schema);
    }

    internal void SetUnavailable(string error) => _lastError = error;

    internal void SetConfigurationError(StorageConfigurationException error)
    {
        ConfigurationError = error;
        _lastError = error.Message;
        _ready.TrySetException(error);
    }
}
