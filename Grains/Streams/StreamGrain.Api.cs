using Natrium.Contracts.JetStream;
using Natrium.Contracts.Messages;
using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams;

/// The stream-level API (spec/jetstream.md §2.3–2.7, §4, §5.1): answered from the store and the
/// consumers in one turn. Pulls and direct gets are not API calls in nats-server's counts.
internal sealed partial class StreamGrain
{
    public async Task<ApiReply?> Api(string operation, byte[] body, string? reply, GatewayRef source, JetStreamAccountLimits limits)
    {
        Remember(source);
        if (JsApiSubject.Parse("$JS.API." + operation) is not { } request)
        {
            return null;
        }

        await NoteLimitsAsync(limits);
        ApiReply? answer;
        bool counted = request.Op is not (JsApiOp.ConsumerMsgNext or JsApiOp.DirectGet or JsApiOp.DirectGetLastBySubject);
        bool failed;
        if (_store is null)
        {
            // The account grain removed the stream a moment ago; answer as it would.
            (answer, failed) = MissingStream.Answer(request, body);
        }
        else
        {
            (answer, failed) = await AnswerAsync(request, body, reply);
        }

        if (counted && answer is not null)
        {
            _apiTotal++;
            _apiErrors += failed ? 1UL : 0UL;
        }

        SendOutputs();
        Reschedule();
        return answer;
    }

    private async Task<(ApiReply? Answer, bool Failed)> AnswerAsync(JsApiRequest request, byte[] body, string? reply)
    {
        var op = request.Op;
        var result = op switch
        {
            JsApiOp.StreamInfo => Info(body),
            JsApiOp.StreamPurge => await PurgeAsync(body),
            JsApiOp.StreamMsgGet => MessageGet(body),
            JsApiOp.StreamMsgDelete => await MessageDeleteAsync(body),
            JsApiOp.ConsumerCreate or JsApiOp.ConsumerCreateNamed or JsApiOp.ConsumerCreateDurable => await CreateConsumerAsync(request, body),
            JsApiOp.ConsumerInfo => ConsumerInfo(request, body),
            JsApiOp.ConsumerDelete => await DeleteConsumerAsync(request, body),
            JsApiOp.ConsumerNames => ConsumerNames(body),
            JsApiOp.ConsumerList => ConsumerList(body),
            JsApiOp.ConsumerMsgNext => Pull(request, body, reply),
            JsApiOp.DirectGet or JsApiOp.DirectGetLastBySubject => DirectGetAnswer(request, body),
            _ => default,
        };

        if (op is JsApiOp.ConsumerMsgNext or JsApiOp.DirectGet or JsApiOp.DirectGetLastBySubject)
        {
            return (result.Direct, false);
        }

        return result.Error is { } error
            ? (ApiReply.Json(ErrorResponse.For(op, error)), true)
            : result.Json is { } json ? (ApiReply.Json(json), false) : (null, false);
    }

    /// A stream-level answer: JSON, an API error, or (pulls and direct gets) a raw reply.
    private readonly record struct StreamAnswer(byte[]? Json, ApiError? Error, ApiReply? Direct)
    {
        public static implicit operator StreamAnswer(byte[] json) => new(json, null, null);

        public static implicit operator StreamAnswer(ApiError error) => new(null, error, null);
    }

    private StreamAnswer Info(byte[] body)
    {
        var request = StreamInfoRequest.Parse(body);
        if (request.IsError)
        {
            return request.Error!;
        }

        var ask = request.Value!;
        var state = _store!.GetState(ask.DeletedDetails);
        var info = new StreamInfoView(_config!, stored.State.CreatedNanos, new StreamStateView(
            state.Messages, state.Bytes, state.FirstSequence, state.FirstTimestampNanos, state.LastSequence,
            state.LastTimestampNanos, state.NumSubjects, (int)Math.Min(state.NumDeleted, int.MaxValue), state.Deleted, _consumers.Count));
        var counts = string.IsNullOrEmpty(ask.SubjectsFilter) ? null : _store.SubjectCounts(ask.SubjectsFilter);
        return StreamResponses.Info(info, host.Domain, counts, ask.Offset);
    }

    private async Task<StreamAnswer> PurgeAsync(byte[] body)
    {
        var request = StreamPurgeRequest.Parse(body);
        if (request.IsError)
        {
            return request.Error!;
        }

        if (_config!.Sealed)
        {
            return JsErrors.StreamSealed;
        }

        if (_config.DenyPurge)
        {
            return JsErrors.StreamPurgeNotPermitted;
        }

        var ask = request.Value!;
        var purged = _store!.Purge(string.IsNullOrEmpty(ask.Filter) ? null : ask.Filter, ask.Sequence, ask.Keep);
        if (purged.Error is { } error)
        {
            return error;
        }

        foreach (var consumer in _consumers.Values)
        {
            consumer.OnPurged(_store.FirstSequence);
        }

        await FlushNowAsync();
        return StreamResponses.Purged(purged.Purged);
    }

    private StreamAnswer MessageGet(byte[] body)
    {
        var request = MsgGetRequest.Parse(body);
        if (request.IsError)
        {
            return request.Error!;
        }

        return Find(request.Value!) is { } message ? StreamResponses.Message(message) : JsErrors.NoMessageFound;
    }

    private async Task<StreamAnswer> MessageDeleteAsync(byte[] body)
    {
        var request = MsgDeleteRequest.Parse(body);
        if (request.IsError)
        {
            return request.Error!;
        }

        if (_config!.Sealed)
        {
            return JsErrors.StreamSealed;
        }

        if (_config.DenyDelete)
        {
            return JsErrors.MessageDeleteNotPermitted;
        }

        var sequence = request.Value!.Sequence;
        var subject = _store!.Load(sequence)?.Subject;
        if (_store.Delete(sequence, erase: !request.Value.NoErase) is { } error)
        {
            return error;
        }

        foreach (var consumer in _consumers.Values)
        {
            consumer.OnRemoved(sequence, subject);
        }

        await FlushNowAsync();
        return StreamResponses.MessageDeleted();
    }

    /// DIRECT.GET (§2.7): only with allow_direct and a reply subject; a message with the
    /// Nats-* headers appended, or a status.
    private StreamAnswer DirectGetAnswer(JsApiRequest request, byte[] body)
    {
        if (!_config!.AllowDirect)
        {
            return default;
        }

        var (ask, status) = request.Op == JsApiOp.DirectGet ? DirectGet.Parse(body) : DirectGet.ParseLastBySubject(request, body);
        if (status is not null)
        {
            return new StreamAnswer(null, null, new ApiReply(status, status.Length));
        }

        if (Find(ask!) is not { } message)
        {
            return new StreamAnswer(null, null, new ApiReply(DirectGet.NotFound, DirectGet.NotFound.Length));
        }

        var headers = DirectGet.Headers(message, _stream);
        return new StreamAnswer(null, null, new ApiReply([.. headers, .. message.Data.Span], headers.Length));
    }

    private Store.StoredMessage? Find(MsgGetRequest request) => request.Kind switch
    {
        MsgGetKind.LastBySubject => _store!.LoadLast(request.LastBySubject),
        MsgGetKind.NextBySubject => _store!.LoadNext(request.NextBySubject, request.Sequence),
        _ => _store!.Load(request.Sequence),
    };

    /// Writes what a purge or delete changed before answering, so the answer is not undone by
    /// a crash.
    private async Task FlushNowAsync()
    {
        _unflushed = true;
        RequestFlush();
        await DrainFlushesAsync();
    }

    /// The account's limits come with every request; they persist when they change.
    private async Task NoteLimitsAsync(JetStreamAccountLimits limits)
    {
        if (_store is null || limits == stored.State.Limits)
        {
            return;
        }

        stored.State.Limits = limits;
        if (Persisted)
        {
            await stored.WriteStateAsync();
        }
    }
}
