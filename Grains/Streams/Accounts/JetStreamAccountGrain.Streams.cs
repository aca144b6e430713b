using Microsoft.Extensions.Logging;
using Natrium.Contracts.JetStream;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Encryption;

namespace Natrium.Grains.Streams.Accounts;

/// STREAM.CREATE, UPDATE and DELETE (spec/jetstream.md §2.1–2.2, §9): the config rules, then
/// the account's rules across its streams (count, reserved bytes, subject overlap), then the
/// stream's grain applies it; the entry persists and gateways learn the subjects before the
/// client hears the answer.
internal sealed partial class JetStreamAccountGrain
{
    private async Task<Answer> CreateStreamAsync(JsApiRequest request, byte[] body, JetStreamAccountLimits limits)
    {
        const JsApiOp op = JsApiOp.StreamCreate;
        var parsed = StreamConfigJson.Parse(body);
        if (parsed.IsError)
        {
            return Answer.Error(op, parsed.Error!);
        }

        var normalized = StreamConfigRules.NormalizeCreate(parsed.Value!, request.Stream, LimitsView.Of(limits));
        if (normalized.IsError)
        {
            return Answer.Error(op, normalized.Error!);
        }

        var config = normalized.Value!;
        var name = config.Name!;
        if (stored.Etag == StateSealer.Unreadable)
        {
            // The account's streams are sealed under a key this server does not have: a create
            // could land on one of them, so none is made until the right key is back.
            return Answer.Error(op, JsErrors.StreamStoreFailed("the account's JetStream state is sealed under a key this server does not have; it is left untouched"));
        }

        if (StreamLimitError(config, limits, counting: true) is { } limitError)
        {
            return Answer.Error(op, limitError);
        }

        if (_configs.TryGetValue(name, out var existing))
        {
            // An identical create succeeds again with the first creation time (§2.2).
            if (!StreamConfigRules.Equivalent(existing, config))
            {
                return Answer.Error(op, JsErrors.StreamNameExist);
            }

            var current = await StreamGrain(name).Create(StreamConfigJson.ToBytes(existing), EntryOf(name).CreatedNanos, limits);
            return Answer.Ok(StreamResponses.Created(StreamViews.Info(current)));
        }

        if (OverlapsOthers(config, name))
        {
            return Answer.Error(op, JsErrors.StreamSubjectOverlap);
        }

        var entry = new StreamEntry(StreamConfigJson.ToBytes(config), UnixNanos.Now(time));
        StreamSnapshot snapshot;
        try
        {
            // What is stored sealed under a key this server lacks is refused, never overwritten.
            snapshot = await StreamGrain(name).Create(entry.ConfigJson, entry.CreatedNanos, limits);
        }
        catch (StoreSealedException e)
        {
            return Answer.Error(op, JsErrors.StreamStoreFailed(e.Message));
        }

        try
        {
            await SaveAsync(name, config, entry);
        }
        catch (StoreSealedException e)
        {
            _configs.Remove(name);
            stored.State.Streams.Remove(name);
            await StreamGrain(name).Delete();
            return Answer.Error(op, JsErrors.StreamStoreFailed(e.Message));
        }

        TellUsage();
        await PushSubjectsAsync();
        LogStreamCreated(logger, Account, name);
        return Answer.Ok(StreamResponses.Created(StreamViews.Info(snapshot)));
    }

    private async Task<Answer> UpdateStreamAsync(JsApiRequest request, byte[] body, JetStreamAccountLimits limits, string? domain)
    {
        const JsApiOp op = JsApiOp.StreamUpdate;
        var parsed = StreamConfigJson.Parse(body);
        if (parsed.IsError)
        {
            return Answer.Error(op, parsed.Error!);
        }

        var normalized = StreamConfigRules.NormalizeUpdate(parsed.Value!, request.Stream, LimitsView.Of(limits));
        if (normalized.IsError)
        {
            return Answer.Error(op, normalized.Error!);
        }

        if (!_configs.TryGetValue(request.Stream, out var existing))
        {
            return Answer.Error(op, JsErrors.StreamNotFound);
        }

        var checkedUpdate = StreamConfigRules.CheckUpdate(existing, normalized.Value!);
        if (checkedUpdate.IsError)
        {
            return Answer.Error(op, checkedUpdate.Error!);
        }

        var config = checkedUpdate.Value!;
        var name = request.Stream;
        if (OverlapsOthers(config, name))
        {
            return Answer.Error(op, JsErrors.StreamSubjectOverlap);
        }

        if (StreamLimitError(config, limits, counting: false) is { } limitError)
        {
            return Answer.Error(op, limitError);
        }

        var entry = EntryOf(name) with { ConfigJson = StreamConfigJson.ToBytes(config) };
        var snapshot = await StreamGrain(name).Update(entry.ConfigJson, limits);
        var subjectsChanged = !(existing.Subjects ?? []).SequenceEqual(config.Subjects ?? []);
        await SaveAsync(name, config, entry);
        if (subjectsChanged)
        {
            await PushSubjectsAsync();
        }

        return Answer.Ok(StreamResponses.Updated(StreamViews.Info(snapshot), domain));
    }

    private async Task<Answer> DeleteStreamAsync(JsApiRequest request, byte[] body)
    {
        const JsApiOp op = JsApiOp.StreamDelete;
        if (EmptyRequest.Check(body) is { } notEmpty)
        {
            return Answer.Error(op, notEmpty);
        }

        var name = request.Stream;
        if (!_configs.ContainsKey(name))
        {
            return Answer.Error(op, JsErrors.StreamNotFound);
        }

        // Gateways stop capturing first, so nothing new arrives for a stream that is going.
        _configs.Remove(name);
        _usage.Remove(name);
        _toldUsage.Remove(name);
        _memoryStreams.Remove(name);
        TellUsage();
        var persisted = stored.State.Streams.Remove(name);
        await PushSubjectsAsync();
        if (persisted)
        {
            await PersistAsync();
        }

        if (await StreamGrain(name).Delete() is { } last)
        {
            _apiTotal += last.ApiTotal;
            _apiErrors += last.ApiErrors;
        }

        LogStreamDeleted(logger, Account, name);
        return Answer.Ok(StreamResponses.Deleted());
    }

    /// jsNonClusteredStreamLimitsCheck and checkLimits: the stream count (on create), the
    /// stream's max_consumers against the account's, then the bytes the stream reserves
    /// (max_bytes, or 1 when unlimited) on top of what the account's other streams of the same
    /// storage reserve, against the account's and the server's byte limits. Unlike 2.9.10 an
    /// identical create at the stream limit succeeds: the stream is already counted.
    private ApiError? StreamLimitError(StreamConfig config, JetStreamAccountLimits limits, bool counting)
    {
        var name = config.Name!;
        if (counting && limits.MaxStreams > 0 && _configs.Keys.Count(n => n != name) >= limits.MaxStreams)
        {
            return JsErrors.MaximumStreamsLimit;
        }

        if (config.MaxConsumers > 0 && limits.MaxConsumers > 0 && config.MaxConsumers > limits.MaxConsumers)
        {
            return JsErrors.MaximumConsumersLimit;
        }

        var memory = config.Storage == StorageType.Memory;
        var replicas = Math.Max(config.Replicas, 1);
        var adding = config.MaxBytes < 0 ? 1 : config.MaxBytes;
        var reserved = _configs
            .Where(c => c.Key != name && c.Value.MaxBytes > 0 && c.Value.Storage == config.Storage)
            .Sum(c => Math.Max(c.Value.Replicas, 1) * c.Value.MaxBytes);
        var accountLimit = memory ? limits.MaxMemory : limits.MaxStore;
        var serverLimit = memory ? host.MaxMemoryStore : host.MaxFileStore;
        var exceeded = (accountLimit >= 0 && reserved + (adding * replicas) > accountLimit)
            || (serverLimit >= 0 && reserved + adding > serverLimit);
        return !exceeded ? null
            : memory ? JsErrors.MemoryResourcesExceeded
            : JsErrors.StorageResourcesExceeded;
    }

    private bool OverlapsOthers(StreamConfig config, string name) =>
        _configs.Any(other => other.Key != name && StreamConfigRules.Overlaps(config.Subjects ?? [], other.Value.Subjects ?? []));

    private StreamEntry EntryOf(string name) =>
        stored.State.Streams.TryGetValue(name, out var entry) ? entry : _memoryStreams[name];

    private async Task SaveAsync(string name, StreamConfig config, StreamEntry entry)
    {
        _configs[name] = config;
        if (config.Storage == StorageType.Memory)
        {
            _memoryStreams[name] = entry;
            return;
        }

        stored.State.Streams[name] = entry;
        await PersistAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Account}: stream {Stream} created")]
    private static partial void LogStreamCreated(ILogger logger, string account, string stream);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Account}: stream {Stream} deleted")]
    private static partial void LogStreamDeleted(ILogger logger, string account, string stream);
}
