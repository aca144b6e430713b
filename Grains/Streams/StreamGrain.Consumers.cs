using Microsoft.Extensions.Logging;
using Natrium.Grains.Streams.Accounts;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Consumers;

namespace Natrium.Grains.Streams;

/// Consumers of the stream (spec/jetstream.md §4–6): create in every subject form, info,
/// delete, names, list, pulls, and the acks and flow-control replies gateways bring in batches.
/// Durable consumers persist their config in the grain state and their position as a blob of
/// the stream's storage, written at most once a second while it changes.
internal sealed partial class StreamGrain
{
    private static readonly TimeSpan SnapshotInterval = TimeSpan.FromSeconds(1);

    private readonly List<SequenceRange> _acked = [];
    private bool _positionsChanged;
    private string _ackPrefix = "";
    private string _flowPrefix = "";
    private long _nextSnapshotAt;

    public Task Acks(Contracts.Messages.GatewayRef source, byte[] records)
    {
        Remember(source);
        if (_store is null)
        {
            return Task.CompletedTask;
        }

        var now = UnixNanos.Now(time);
        var reader = new Contracts.Messages.StreamRecordReader(records);
        while (reader.MoveNext())
        {
            var to = System.Text.Encoding.UTF8.GetString(reader.To);
            var isAck = to.StartsWith(_ackPrefix, StringComparison.Ordinal);
            var rest = isAck ? to.AsSpan(_ackPrefix.Length) : to.StartsWith(_flowPrefix, StringComparison.Ordinal) ? to.AsSpan(_flowPrefix.Length) : default;
            var dot = rest.IndexOf('.');
            if (dot <= 0 || !_consumers.TryGetValue(rest[..dot].ToString(), out var consumer))
            {
                continue;
            }

            if (isAck)
            {
                var reply = reader.Reply.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(reader.Reply);
                consumer.Ack(to, reader.Message.Span[reader.HeaderSize..], reply, now, _outputs);
            }
            else
            {
                consumer.FlowControlReply(to, now, _outputs);
            }
        }

        _positionsChanged = true;
        ApplyRetention();
        SendOutputs();
        Reschedule();
        return Task.CompletedTask;
    }

    private StreamAnswer Pull(JsApiRequest request, byte[] body, string? reply)
    {
        if (_consumers.TryGetValue(request.Consumer, out var consumer))
        {
            consumer.Pull(body, reply, UnixNanos.Now(time), _outputs);
            _positionsChanged = true;
        }

        return default;
    }

    private async Task<StreamAnswer> CreateConsumerAsync(JsApiRequest request, byte[] body)
    {
        var parsed = ConsumerCreateRequest.Parse(body);
        if (parsed.IsError)
        {
            return parsed.Error!;
        }

        var checkedRequest = ConsumerCreateRules.CheckRequest(request, parsed.Value!);
        if (checkedRequest.IsError)
        {
            return checkedRequest.Error!;
        }

        var limits = LimitsView.Of(Limits);
        var normalized = ConsumerConfigRules.Normalize(checkedRequest.Value!, _config!, limits);
        if (normalized.IsError)
        {
            return normalized.Error!;
        }

        var config = normalized.Value!;
        var now = UnixNanos.Now(time);
        var name = ConsumerConfigRules.NameOf(config);
        if (name.Length > 0 && _consumers.TryGetValue(name, out var existing))
        {
            return await UpdateConsumerAsync(existing, config, now);
        }

        var fresh = ConsumerConfigRules.CheckNew(config, _config!, limits, [.. _consumers.Values.Select(c => c.Config)]);
        if (fresh.IsError)
        {
            return fresh.Error!;
        }

        config = fresh.Value!;
        name = ConsumerConfigRules.NameOf(config);
        var consumer = new ConsumerEngine(_stream, name, config, _store!, now)
        {
            TrackAcks = _config!.Retention != RetentionPolicy.Limits,
        };
        _consumers[name] = consumer;

        // The answer describes the consumer as created, before it delivers: clients read its
        // num_pending to know whether anything is coming (NATS.Net's KV keys and watch do).
        var created = ConsumerResponses.Created(InfoOf(consumer, now));
        if (config.IsPush)
        {
            consumer.SetPushInterest((await InterestAsync([PushInterestKey(config)]))[0], now, _outputs);
        }

        await SaveConsumerAsync(consumer);
        return created;
    }

    /// A create naming an existing consumer: the same config answers again; mutable changes
    /// apply in place; immutable ones fail (§4.1).
    private async Task<StreamAnswer> UpdateConsumerAsync(ConsumerEngine existing, ConsumerConfig config, long now)
    {
        var oldDeliver = existing.Config.DeliverSubject;
        var oldHasInterest = !string.IsNullOrEmpty(oldDeliver) && oldDeliver != config.DeliverSubject
            && (await InterestAsync([oldDeliver]))[0];
        var update = ConsumerConfigRules.CheckUpdate(existing.Config, config, oldHasInterest);
        if (update.IsError)
        {
            return update.Error!;
        }

        var updated = update.Value!;
        if (!ConsumerConfigRules.Equivalent(existing.Config, updated))
        {
            bool? pushInterest = updated.IsPush && PushInterestKey(updated) != PushInterestKey(existing.Config)
                ? (await InterestAsync([PushInterestKey(updated)]))[0]
                : null;
            existing.UpdateConfig(updated, now, _outputs, pushInterest);
            await SaveConsumerAsync(existing);
        }

        return ConsumerResponses.Created(InfoOf(existing, now));
    }

    private StreamAnswer ConsumerInfo(JsApiRequest request, byte[] body)
    {
        if (EmptyRequest.Check(body) is { } notEmpty)
        {
            return notEmpty;
        }

        return _consumers.TryGetValue(request.Consumer, out var consumer)
            ? ConsumerResponses.Info(InfoOf(consumer, UnixNanos.Now(time)))
            : JsErrors.ConsumerNotFound;
    }

    private async Task<StreamAnswer> DeleteConsumerAsync(JsApiRequest request, byte[] body)
    {
        if (EmptyRequest.Check(body) is { } notEmpty)
        {
            return notEmpty;
        }

        if (!_consumers.TryGetValue(request.Consumer, out var consumer))
        {
            return JsErrors.ConsumerNotFound;
        }

        await RemoveConsumerAsync(consumer, UnixNanos.Now(time));
        return ConsumerResponses.Deleted();
    }

    private StreamAnswer ConsumerNames(byte[] body)
    {
        var request = PagedRequest.Parse(body);
        return request.IsError ? request.Error! : ConsumerResponses.Names(_consumers.Keys, request.Value!.Offset);
    }

    private StreamAnswer ConsumerList(byte[] body)
    {
        var request = PagedRequest.Parse(body);
        if (request.IsError)
        {
            return request.Error!;
        }

        var now = UnixNanos.Now(time);
        return ConsumerResponses.List(_consumers.Values.Select(c => InfoOf(c, now)), request.Value!.Offset);
    }

    /// Deletes a consumer (request, or inactive_threshold): waiting pulls hear 409, its state
    /// goes, and on an interest stream the messages only it still held go too.
    private async Task RemoveConsumerAsync(ConsumerEngine consumer, long now)
    {
        consumer.Delete(now, _outputs);
        _consumers.Remove(consumer.Name);
        if (stored.State.Consumers.Remove(consumer.Name, out var entry))
        {
            await stored.WriteStateAsync();
            await _io.WaitAsync();
            try
            {
                await _storage!.DeleteBlobAsync(BlobName(entry.Number));
            }
            finally
            {
                _io.Release();
            }
        }

        if (_config!.Retention == RetentionPolicy.Interest)
        {
            RemoveUninteresting();
        }
    }

    /// What a push consumer needs a listener on (IGatewayObserver.HasInterest): its deliver
    /// subject, or with deliver_group a queue subscriber of that group, as 2.9.10 checks
    /// (a plain subscriber alone gets nothing, seen on 2.9.10).
    private static string PushInterestKey(ConsumerConfig config) =>
        string.IsNullOrEmpty(config.DeliverGroup) ? config.DeliverSubject ?? "" : config.DeliverSubject + " " + config.DeliverGroup;

    public Task<IReadOnlyList<byte[]>> ConsumerReports()
    {
        var now = UnixNanos.Now(time);
        IReadOnlyList<byte[]> reports = _store is null
            ? []
            : [.. _consumers.Values.OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => ConsumerResponses.WriteFields(new GoJsonWriter().BeginObject(), InfoOf(c, now)).EndObject().ToArray())];
        return Task.FromResult(reports);
    }

    private ConsumerInfoView InfoOf(ConsumerEngine consumer, long now)
    {
        var state = consumer.State(now);
        return new ConsumerInfoView(_stream, consumer.Name, consumer.CreatedNanos, consumer.Config, new ConsumerStateView(
            new SequencePair(state.Delivered.ConsumerSeq, state.Delivered.StreamSeq, state.Delivered.LastActiveNanos),
            new SequencePair(state.AckFloor.ConsumerSeq, state.AckFloor.StreamSeq, state.AckFloor.LastActiveNanos),
            (int)Math.Min(state.NumAckPending, int.MaxValue),
            (int)Math.Min(state.NumRedelivered, int.MaxValue),
            state.NumWaiting,
            state.NumPending,
            state.PushBound));
    }

    /// Interest and workqueue retention (§3.3): a message goes once every consumer whose filter
    /// takes it has acked it.
    private void ApplyRetention()
    {
        if (_config!.Retention == RetentionPolicy.Limits || _store is not { } store)
        {
            return;
        }

        _acked.Clear();
        foreach (var consumer in _consumers.Values)
        {
            consumer.DrainAcked(_acked);
        }

        foreach (var range in _acked)
        {
            // NextMatching skips what is already gone, so a wide range costs what it holds.
            for (var seq = store.NextMatching(range.First, null); seq != 0 && seq <= range.Last; seq = store.NextMatching(seq + 1, null))
            {
                TryRemoveAcked(seq);
            }
        }
    }

    /// After a consumer of an interest stream went: messages nobody else takes go too.
    private void RemoveUninteresting()
    {
        var store = _store!;
        for (var seq = store.NextMatching(store.FirstSequence, null); seq != 0; seq = store.NextMatching(seq + 1, null))
        {
            TryRemoveAcked(seq);
        }
    }

    private void TryRemoveAcked(ulong sequence)
    {
        var store = _store!;
        if (store.Load(sequence) is not { } message)
        {
            return;
        }

        foreach (var consumer in _consumers.Values)
        {
            if (consumer.FilterMatches(message.Subject) && !consumer.IsAcked(sequence))
            {
                return;
            }
        }

        if (store.Remove(sequence))
        {
            foreach (var consumer in _consumers.Values)
            {
                consumer.OnRemoved(sequence, message.Subject);
            }

            _unflushed = true;
            RequestFlush();
        }
    }

    private async Task SaveConsumerAsync(ConsumerEngine consumer)
    {
        if (!Persisted || !consumer.Config.IsDurable)
        {
            return;
        }

        var number = stored.State.Consumers.TryGetValue(consumer.Name, out var existing)
            ? existing.Number
            : stored.State.NextConsumerNumber++;
        stored.State.Consumers[consumer.Name] = new ConsumerEntry(ConsumerConfigJson.ToBytes(consumer.Config), consumer.CreatedNanos, number);
        await stored.WriteStateAsync();
        _positionsChanged = true;
    }

    private async Task RestoreConsumersAsync()
    {
        foreach (var (name, entry) in stored.State.Consumers)
        {
            if (!JsJson.TryRead(entry.ConfigJson, out ConsumerConfig config))
            {
                LogConsumerUnreadable(logger, _account, _stream, name);
                continue;
            }

            ConsumerSnapshot? snapshot = null;
            if (await _storage!.ReadBlobAsync(BlobName(entry.Number)) is { } bytes)
            {
                try
                {
                    snapshot = serializer.Deserialize<ConsumerSnapshot>(bytes);
                }
                catch (Exception e)
                {
                    LogPositionUnreadable(logger, _account, _stream, name, e.GetType().Name);
                }
            }

            _consumers[name] = new ConsumerEngine(_stream, name, config, _store!, entry.CreatedNanos, snapshot)
            {
                TrackAcks = _config!.Retention != RetentionPolicy.Limits,
            };
        }
    }

    /// Durable consumers' positions, at most once per SnapshotInterval while they change (all:
    /// now, whatever changed, before the grain goes).
    private async Task WriteSnapshotsAsync(bool all)
    {
        var now = UnixNanos.Now(time);
        if (!Persisted || !_positionsChanged || (!all && now < _nextSnapshotAt))
        {
            return;
        }

        _positionsChanged = false;
        _nextSnapshotAt = now + (long)(SnapshotInterval.Ticks * 100);
        foreach (var (name, entry) in stored.State.Consumers)
        {
            if (!_consumers.TryGetValue(name, out var consumer) || consumer.Config.MemoryStorage)
            {
                continue;
            }

            var bytes = serializer.SerializeToArray(consumer.Snapshot());
            await _io.WaitAsync();
            try
            {
                await _storage!.WriteBlobAsync(BlobName(entry.Number), bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _positionsChanged = true;
                LogFlushFailed(logger, _account, _stream, e.GetType().Name);
            }
            finally
            {
                _io.Release();
            }
        }
    }

    private static string BlobName(long number) => "consumer-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {Account} stream {Stream}: the config of consumer {Consumer} does not read back; skipped")]
    private static partial void LogConsumerUnreadable(ILogger logger, string account, string stream, string consumer);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {Account} stream {Stream}: the position of consumer {Consumer} does not read back ({Error}); it starts over")]
    private static partial void LogPositionUnreadable(ILogger logger, string account, string stream, string consumer, string error);
}
