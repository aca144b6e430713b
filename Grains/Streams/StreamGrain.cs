using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.JetStream;
using Natrium.Contracts.Messages;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Consumers;
using Natrium.Grains.Streams.Hosting;
using Natrium.Grains.Streams.Store;
using Orleans.Serialization;

namespace Natrium.Grains.Streams;

/// One stream and its consumers. Consumers live inside the stream's grain rather than in grains
/// of their own: every stored message is offered to every consumer and every ack changes the
/// stream (interest and workqueue retention), so separate grains would put a grain call on each
/// message, which the design forbids. The grain is the single thread both run on; its store
/// flushes in the background while turns go on, so batches arriving meanwhile share the next
/// flush (group commit), and pub acks leave only after the flush that made them durable.
// Never moved by rebalancing: its open segment, consumers' in-flight state and unflushed
// appends live in this process (a lost node's streams start again from the shared store).
[Orleans.Placement.Immovable]
internal sealed partial class StreamGrain(
    [PersistentState("stream", JetStreamHostOptions.StorageName)] IPersistentState<StreamGrainState> stored,
    JetStreamHostOptions host,
    TimeProvider time,
    Serializer serializer,
    ILogger<StreamGrain> logger) : Grain, IStreamGrain
{
    private readonly Dictionary<string, ConsumerEngine> _consumers = new(StringComparer.Ordinal);
    private readonly List<ConsumerOutput> _outputs = [];
    private MessageStore? _store;
    private StreamConfig? _config;
    private PubAck? _pubAck;
    private string _account = "";
    private string _stream = "";
    private ulong _apiTotal;
    private ulong _apiErrors;

    private JetStreamAccountLimits Limits => stored.State.Limits ?? JetStreamAccountLimits.Unlimited;

    private bool Persisted => _config is { Storage: StorageType.File };

    private IStreamStorageProvider Files => ServiceProvider.GetRequiredKeyedService<IStreamStorageProvider>(JetStreamHostOptions.StorageName);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_account, _stream) = StreamKeys.Split(this.GetPrimaryKeyString());
        (_ackPrefix, _flowPrefix) = ("$JS.ACK." + _stream + ".", "$JS.FC." + _stream + ".");
        _outbox = new StreamOutbox(_account);
        if (stored.State.ConfigJson is { } json && StreamConfigJson.Parse(json).Value is { } config)
        {
            await OpenAsync(config);
            await RestoreConsumersAsync();
            if (_storage is Encryption.EncryptedStreamStorage { Converted: true } converted)
            {
                // Positions written before the key go again, sealed.
                _positionsChanged = true;
                await WriteSnapshotsAsync(all: true);
                converted.BlobsSealed();
                RequestFlush();
            }

            Reschedule();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_store is not null)
        {
            await DrainFlushesAsync();
            await WriteSnapshotsAsync(all: true);
            await _store.DisposeAsync();
            _store = null;
        }
    }

    public async Task<StreamSnapshot> Create(byte[] configJson, long createdNanos, JetStreamAccountLimits limits)
    {
        if (_store is not null)
        {
            return CurrentSnapshot();
        }

        var config = StreamConfigJson.Parse(configJson).Value ?? throw new ArgumentException("not a stream config", nameof(configJson));
        if (stored.Etag == Encryption.StateSealer.Unreadable)
        {
            throw new Encryption.StoreSealedException("a stream of this name is stored sealed under a key this server does not have; it is left untouched");
        }

        if (config.Storage == StorageType.File)
        {
            await Files.DiscardAsync(this.GetPrimaryKeyString());
        }

        stored.State = new StreamGrainState { ConfigJson = configJson, CreatedNanos = createdNanos, Limits = limits };
        await OpenAsync(config);

        // A new stream has no blobs yet: none may be plaintext.
        (_storage as Encryption.EncryptedStreamStorage)?.BlobsSealed();
        if (Persisted)
        {
            await stored.WriteStateAsync();
        }

        return CurrentSnapshot();
    }

    public async Task<StreamSnapshot> Update(byte[] configJson, JetStreamAccountLimits limits)
    {
        var config = StreamConfigJson.Parse(configJson).Value ?? throw new ArgumentException("not a stream config", nameof(configJson));
        if (_store is null)
        {
            throw new InvalidOperationException("update of a stream that does not exist");
        }

        _config = config;
        _store.UpdateConfig(config);
        stored.State.ConfigJson = configJson;
        stored.State.Limits = limits;
        if (Persisted)
        {
            await stored.WriteStateAsync();
        }

        RequestFlush();
        Reschedule();
        return CurrentSnapshot();
    }

    public async Task<StreamSnapshot?> Delete()
    {
        if (_store is null)
        {
            return null;
        }

        var last = CurrentSnapshot();
        var now = UnixNanos.Now(time);
        foreach (var consumer in _consumers.Values)
        {
            consumer.Delete(now, _outputs);
        }

        _consumers.Clear();
        SendOutputs();
        await DrainFlushesAsync();
        await _io.WaitAsync();
        try
        {
            await _store.DeleteAsync();
            await _store.DisposeAsync();
        }
        finally
        {
            // Whatever failed, the stream is gone: a later create must start from nothing.
            _store = null;
            _io.Release();
        }

        _config = null;
        _timer?.Dispose();
        _timer = null;
        await stored.ClearStateAsync();
        stored.State = new StreamGrainState();
        DeactivateOnIdle();
        return last;
    }

    public Task<StreamSnapshot?> Snapshot() => Task.FromResult(_store is null ? null : CurrentSnapshot());

    public Task Attach(GatewayRef gateway)
    {
        Remember(gateway);
        return Task.CompletedTask;
    }

    private StreamSnapshot CurrentSnapshot()
    {
        var state = _store!.GetState();
        return new StreamSnapshot(
            stored.State.ConfigJson!, stored.State.CreatedNanos, state.Messages, state.Bytes,
            state.FirstSequence, state.FirstTimestampNanos, state.LastSequence, state.LastTimestampNanos,
            state.NumSubjects, state.NumDeleted, _consumers.Count, _config!.Storage == StorageType.Memory,
            _apiTotal, _apiErrors);
    }

    private async Task OpenAsync(StreamConfig config)
    {
        IStreamStorage storage = config.Storage == StorageType.Memory ? new MemoryStreamStorage() : Files.Open(this.GetPrimaryKeyString());
        _store = await MessageStore.OpenAsync(storage, config, time, logger);
        _store.AccountLimitExceeded = AccountLimitExceeded;
        _config = config;
        _pubAck = new PubAck(config.Name!, host.Domain);
        _storage = storage;

        // A stream runs timers and delivers to push consumers: it stays until deleted.
        DelayDeactivation(TimeSpan.MaxValue);
    }
}
