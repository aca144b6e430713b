using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.JetStream;
using Natrium.Contracts.Messages;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Hosting;

namespace Natrium.Grains.Streams.Accounts;

/// JetStream of one account: the authority on which streams exist (their configs persist here
/// and in each stream's grain), the account-level API, the subjects gateways capture, and the
/// account's usage against its limits. Non-reentrant, so creates, updates and deletes of one
/// account never interleave (the subject-overlap and limit checks see every stream). It awaits
/// stream grains; stream grains only ever call it one-way, so the two never wait on each other.
/// Kept alive: the gateways subscribed to it must hear of every change.
// Stays with the node's JetStream store, as its streams do (StreamGrain).
[Orleans.Placement.Immovable]
[KeepAlive]
internal sealed partial class JetStreamAccountGrain(
    [PersistentState("jetstream", JetStreamHostOptions.StorageName)] IPersistentState<JetStreamAccountState> stored,
    JetStreamHostOptions host,
    TimeProvider time,
    ILogger<JetStreamAccountGrain> logger) : Grain, IJetStreamAccountGrain
{
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, GatewayRef> _subscribers = new(StringComparer.Ordinal);

    /// Memory streams: kept only while the grain lives (as nats-server keeps them until restart).
    private readonly Dictionary<string, StreamEntry> _memoryStreams = new(StringComparer.Ordinal);

    /// Every stream's parsed config, file and memory alike.
    private readonly Dictionary<string, StreamConfig> _configs = new(StringComparer.Ordinal);

    /// Bytes in use per stream as streams last reported them (memory, file).
    private readonly Dictionary<string, (long Memory, long Store)> _usage = new(StringComparer.Ordinal);

    /// What each stream was last told its account's other streams use (TellUsage).
    private readonly Dictionary<string, (long Memory, long Store)> _toldUsage = new(StringComparer.Ordinal);

    private StreamSubjects _subjects = new(0, []);
    private ulong _apiTotal;
    private ulong _apiErrors;

    private string Account => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in stored.State.Streams)
        {
            if (StreamConfigJson.Parse(entry.ConfigJson).Value is { } config)
            {
                _configs[name] = config;
            }
        }

        // Versions start from the clock so that an activation after a failover still counts
        // above what gateways saw from the one before.
        _subjects = BuildSubjects(UnixNanos.Now(time));
        return Task.CompletedTask;
    }

    /// Ended by Orleans (a duplicate found after a membership change, its silo shutting down):
    /// the next activation would know no gateway, so none would hear of streams created or
    /// deleted from then on; each is told to subscribe again.
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_subscribers.Count > 0)
        {
            LogEnded(logger, Account, reason.ReasonCode, _subscribers.Count);
            foreach (var gateway in _subscribers.Values)
            {
                try
                {
                    _ = gateway.Observer.OnJetStreamEnded(Account);
                }
                catch (Exception)
                {
                    // One-way: a gateway that cannot be reached is gone anyway.
                }
            }
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Account}'s JetStream grain ends ({Reason}): its {Count} gateways subscribe to the next activation")]
    private static partial void LogEnded(ILogger logger, string account, DeactivationReasonCode reason, int count);

    /// A new gateway also starts every stream of the account (they run their own timers:
    /// max_age, redelivery, push delivery) and gives them a way to deliver.
    public Task<StreamSubjects> Subscribe(GatewayRef gateway)
    {
        if (_subscribers.TryAdd(gateway.Id, gateway))
        {
            foreach (var name in _configs.Keys)
            {
                _ = StreamGrain(name).Attach(gateway);
            }
        }
        else
        {
            _subscribers[gateway.Id] = gateway;
        }

        return Task.FromResult(_subjects);
    }

    public Task Unsubscribe(string gatewayId)
    {
        _subscribers.Remove(gatewayId);
        return Task.CompletedTask;
    }

    public async Task<ApiReply?> Api(string operation, byte[] body, string? reply, GatewayRef source, JetStreamAccountLimits? limits, string? domain)
    {
        if (JsApiSubject.Parse("$JS.API." + operation) is not { } request)
        {
            return null;
        }

        var answer = await AnswerAsync(request, operation, body, reply, source, limits, domain);
        if (answer is { Counted: true })
        {
            _apiTotal++;
            _apiErrors += answer.Failed ? 1UL : 0UL;
        }

        return answer?.Reply;
    }

    private async Task<Answer?> AnswerAsync(JsApiRequest request, string operation, byte[] body, string? reply, GatewayRef source, JetStreamAccountLimits? limits, string? domain)
    {
        if (limits is null)
        {
            return Answer.Error(request.Op, JsErrors.NotEnabledForAccount);
        }

        switch (request.Op)
        {
            case JsApiOp.AccountInfo:
                return Answer.Ok(AccountInfoResponse.Write(await AccountInfoAsync(limits, domain)));
            case JsApiOp.StreamCreate:
                return await CreateStreamAsync(request, body, limits);
            case JsApiOp.StreamUpdate:
                return await UpdateStreamAsync(request, body, limits, domain);
            case JsApiOp.StreamDelete:
                return await DeleteStreamAsync(request, body);
            case JsApiOp.StreamNames:
                return Names(body);
            case JsApiOp.StreamList:
                return await ListAsync(body, domain);
        }

        // A stream-level request the gateway did not know the stream of: the stream's grain
        // answers if the stream exists after all (the gateway's list lags a create).
        if (_configs.ContainsKey(request.Stream))
        {
            var forwarded = await StreamGrain(request.Stream).Api(operation, body, reply, source, limits);
            return forwarded is null ? null : new Answer(forwarded, Failed: false, Counted: false);
        }

        var (missing, failed) = MissingStream.Answer(request, body);
        return missing is null ? null : new Answer(missing, failed);
    }

    public Task ReportUsage(string stream, long memoryBytes, long storeBytes)
    {
        if (!_configs.ContainsKey(stream))
        {
            return Task.CompletedTask;
        }

        _usage[stream] = (memoryBytes, storeBytes);
        TellUsage();
        return Task.CompletedTask;
    }

    /// Each stream checks the account's byte limits on publish against the bytes the account's
    /// other streams use (2.9.10 keeps one usage figure per account, updated by every store).
    /// After a change, every stream whose figure moved hears it, one-way: not only the stream
    /// that reported, or a new stream would start from 0 and a full one would never learn that
    /// another was purged or deleted.
    private void TellUsage()
    {
        var (memory, store) = (0L, 0L);
        foreach (var used in _usage.Values)
        {
            memory += used.Memory;
            store += used.Store;
        }

        foreach (var name in _configs.Keys)
        {
            var own = _usage.GetValueOrDefault(name);
            var others = (Memory: memory - own.Memory, Store: store - own.Store);
            if (_toldUsage.TryGetValue(name, out var told) && told == others)
            {
                continue;
            }

            _toldUsage[name] = others;
            StreamGrain(name).OnAccountUsage(others.Memory, others.Store).Ignore();
        }
    }

    private IStreamGrain StreamGrain(string stream) => GrainFactory.GetGrain<IStreamGrain>(StreamKeys.Of(Account, stream));

    private StreamSubjects BuildSubjects(long version) => new(
        version,
        [.. _configs.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new StreamSubjectEntry(c.Key, [.. c.Value.Subjects ?? []]))]);

    /// After a create, update or delete: every subscribed gateway learns the streams' subjects
    /// before the client gets its answer, so a publish right after a create is captured. A
    /// gateway that fails or does not answer in time is dropped.
    private async Task PushSubjectsAsync()
    {
        _subjects = BuildSubjects(Math.Max(_subjects.Version + 1, UnixNanos.Now(time)));
        var account = Account;
        var subjects = _subjects;
        var targets = _subscribers.Values.ToArray();
        var pushes = targets.Select(g => g.Observer.OnStreamSubjects(account, subjects).WaitAsync(PushTimeout)).ToArray();
        try
        {
            await Task.WhenAll(pushes);
        }
        catch (Exception)
        {
            for (var i = 0; i < targets.Length; i++)
            {
                if (!pushes[i].IsCompletedSuccessfully)
                {
                    LogGatewayDropped(logger, targets[i].Id, account);
                    _subscribers.Remove(targets[i].Id);
                }
            }
        }
    }

    /// An answer and whether it counts in the account's `api` figures as a request or an error.
    private sealed record Answer(ApiReply Reply, bool Failed, bool Counted = true)
    {
        public static Answer Ok(byte[] json) => new(ApiReply.Json(json), false);

        public static Answer Error(JsApiOp op, ApiError error) => new(ApiReply.Json(ErrorResponse.For(op, error)), true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {Gateway} did not take the stream subjects of account {Account}; dropped")]
    private static partial void LogGatewayDropped(ILogger logger, string gateway, string account);
}
