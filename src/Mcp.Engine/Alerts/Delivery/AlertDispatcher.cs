using System.Threading.Channels;
using Mcp.Engine.Observability;
using Mcp.Engine.Resilience;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Alerts.Delivery;

/// <summary>
/// Delivers notifications to every sink through one bounded queue per sink. <see cref="Enqueue"/>
/// never waits (a full queue drops its oldest entry), so a slow, failing or hanging sink never
/// delays the loop that raised the alert; each sink has its own delivery loop
/// (<see cref="RunSinkAsync"/>), so one sink never delays another. An attempt is bounded by
/// <see cref="AlertDeliveryPolicy.AttemptTimeout"/>; transient failures are retried with
/// exponential backoff (all waiting on the injected <see cref="TimeProvider"/>), in order.
/// </summary>
internal sealed class AlertDispatcher
{
    private readonly Dictionary<string, SinkQueue> _queues;
    private readonly TimeProvider _time;
    private readonly AlertDeliveryPolicy _policy;
    private readonly ILogger _logger;
    private readonly Counter _sent;
    private readonly Counter _failed;
    private readonly Counter _dependencyFailures;
    private readonly Gauge _dependencyUp;
    private readonly Gauge _queueLength;

    public AlertDispatcher(IEnumerable<IAlertSink> sinks, TimeProvider time, MetricRegistry metrics, ILogger<AlertDispatcher> logger, AlertDeliveryPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(metrics);
        _time = time;
        _logger = logger;
        _policy = policy ?? new AlertDeliveryPolicy();
        _sent = metrics.Counter("mcp_alerts_sent_total", "Alert notifications delivered, by sink and severity.", "sink", "severity");
        _failed = metrics.Counter(
            "mcp_alerts_failed_total",
            "Alert notifications given up, by sink, severity and reason (refused, retries_exhausted, queue_full).",
            "sink",
            "severity",
            "reason");
        _dependencyFailures = metrics.Counter(
            "mcp_dependency_failures_total", "Failed requests to a dependency, by failure class (each failed attempt counts).", "dependency", "error_type");
        _dependencyUp = metrics.Gauge("mcp_dependency_up", "1 when the dependency's last probe (or delivery, for alert sinks) succeeded, 0 when it failed.", "dependency");
        _queueLength = metrics.Gauge("mcp_alert_queue_length", "Alert notifications waiting for delivery, by sink.", "sink");
        _queues = sinks.ToDictionary(s => s.Name, s => new SinkQueue(s, this), StringComparer.Ordinal);
        foreach (var name in _queues.Keys)
        {
            _queueLength.WithLabels(name).Set(0);
        }
    }

    public IReadOnlyCollection<string> SinkNames => _queues.Keys;

    public AlertDeliveryPolicy Policy => _policy;

    /// <summary>Queues the notification for every sink. Never blocks.</summary>
    public void Enqueue(AlertNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        foreach (var queue in _queues.Values)
        {
            queue.Add(notification);
        }
    }

    /// <summary>Notifications waiting for a sink (not counting one being delivered).</summary>
    public int Pending(string sink) => _queues.TryGetValue(sink, out var queue) ? queue.Count : 0;

    /// <summary>What the sink's delivery loop is doing now.</summary>
    public SinkDeliveryState StateOf(string sink) => _queues.TryGetValue(sink, out var queue) ? queue.State : SinkDeliveryState.Idle;

    /// <summary>
    /// The delivery loop of one sink, until <paramref name="cancellationToken"/> is cancelled.
    /// <paramref name="beat"/> receives how long until the loop's next sign of life at the latest.
    /// </summary>
    public async Task RunSinkAsync(string sink, Action<TimeSpan> beat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beat);
        var queue = _queues[sink];
        var margin = TimeSpan.FromSeconds(30);
        while (!cancellationToken.IsCancellationRequested)
        {
            beat(_policy.IdleBeat + margin);
            if (!queue.TryTake(out var notification))
            {
                await queue.WaitAsync(_policy.IdleBeat, _time, cancellationToken);
                continue;
            }

            await DeliverAsync(queue.Sink, notification, beat, margin, cancellationToken);
        }
    }

    private async Task DeliverAsync(IAlertSink sink, AlertNotification notification, Action<TimeSpan> beat, TimeSpan margin, CancellationToken cancellationToken)
    {
        var kind = notification.Kind.ToLabel();
        for (var attempt = 1; ; attempt++)
        {
            beat(_policy.AttemptTimeout + margin);
            var queue = _queues[sink.Name];
            queue.State = SinkDeliveryState.Sending;
            DependencyException failure;
            using (var timeout = new CancellationTokenSource(_policy.AttemptTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    await sink.SendAsync(notification, linked.Token);
                    _sent.WithLabels(sink.Name, notification.Severity).Inc();
                    if (_dependencyUp.WithLabels(sink.Name).Value == 0 && _queues[sink.Name].HasFailed)
                    {
                        AlertsLog.SinkRecovered(_logger, sink.Name);
                    }

                    _dependencyUp.WithLabels(sink.Name).Set(1);
                    AlertsLog.Delivered(_logger, notification.Key, kind, sink.Name, attempt);
                    queue.State = SinkDeliveryState.Idle;
                    return;
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    failure = new DependencyException(sink.Name, FailureClass.Timeout, $"no answer within {_policy.AttemptTimeout.TotalSeconds:0.#} s", null, isTransient: true);
                }
                catch (DependencyException e)
                {
                    failure = e;
                }
            }

            _queues[sink.Name].HasFailed = true;
            _dependencyFailures.WithLabels(sink.Name, failure.Failure.ToLabel()).Inc();
            _dependencyUp.WithLabels(sink.Name).Set(0);
            if (!failure.IsTransient || attempt >= _policy.MaxAttempts)
            {
                _failed.WithLabels(sink.Name, notification.Severity, failure.IsTransient ? "retries_exhausted" : "refused").Inc();
                AlertsLog.GaveUp(_logger, notification.Key, kind, sink.Name, attempt, failure.Failure.ToLabel(), failure.Message);
                queue.State = SinkDeliveryState.Idle;
                return;
            }

            var wait = _policy.Backoff(attempt, failure.RetryAfter);
            AlertsLog.AttemptFailed(_logger, notification.Key, kind, sink.Name, attempt, _policy.MaxAttempts, failure.Failure.ToLabel(), failure.Message, wait);
            beat(wait + margin);
            queue.State = SinkDeliveryState.BackingOff;
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    private void OnDropped(IAlertSink sink, AlertNotification notification)
    {
        _failed.WithLabels(sink.Name, notification.Severity, "queue_full").Inc();
        AlertsLog.Dropped(_logger, sink.Name, _policy.QueueCapacity, notification.Key, notification.Kind.ToLabel());
    }

    /// <summary>One sink's bounded queue.</summary>
    private sealed class SinkQueue
    {
        private readonly Channel<AlertNotification> _channel;
        private readonly AlertDispatcher _owner;
        private int _state;

        public SinkQueue(IAlertSink sink, AlertDispatcher owner)
        {
            Sink = sink;
            _owner = owner;
            _channel = Channel.CreateBounded<AlertNotification>(
                new BoundedChannelOptions(owner._policy.QueueCapacity)
                {
                    FullMode = BoundedChannelFullMode.DropOldest,
                    SingleReader = true,
                    SingleWriter = false,
                },
                dropped => owner.OnDropped(sink, dropped));
        }

        public IAlertSink Sink { get; }

        public bool HasFailed { get; set; }

        public SinkDeliveryState State
        {
            get => (SinkDeliveryState)Volatile.Read(ref _state);
            set => Volatile.Write(ref _state, (int)value);
        }

        public int Count => _channel.Reader.Count;

        public void Add(AlertNotification notification)
        {
            // DropOldest: TryWrite always succeeds while the channel is open.
            _channel.Writer.TryWrite(notification);
            Publish();
        }

        public bool TryTake(out AlertNotification notification)
        {
            // Sending from the moment it leaves the queue, so "idle with an empty queue" means delivered.
            State = SinkDeliveryState.Sending;
            var taken = _channel.Reader.TryRead(out notification!);
            if (!taken)
            {
                State = SinkDeliveryState.Idle;
            }

            Publish();
            return taken;
        }

        /// <summary>Waits for a notification, at most <paramref name="idle"/> (then the caller beats and looks again).</summary>
        public async Task WaitAsync(TimeSpan idle, TimeProvider time, CancellationToken cancellationToken)
        {
            using var wake = new CancellationTokenSource(idle, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wake.Token);
            try
            {
                await _channel.Reader.WaitToReadAsync(linked.Token);
            }
            catch (OperationCanceledException) when (wake.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Idle: time to beat.
            }
        }

        private void Publish() => _owner._queueLength.WithLabels(Sink.Name).Set(_channel.Reader.Count);
    }
}
