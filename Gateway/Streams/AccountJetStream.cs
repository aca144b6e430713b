using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.JetStream;
using Natrium.Contracts.Messages;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Streams;

/// JetStream of one account as this gateway serves it: which subjects its streams capture
/// (pushed by the account's JetStream grain), the links that carry captured messages and acks to
/// the stream grains in batches, and the API requests it forwards. A publish never awaits a
/// grain: capture is a lock-free trie lookup and an append to a batch.
internal sealed partial class AccountJetStream(AccountRouting account, JetStreamAccountLimits? limits, string? domain, IGrainFactory grains, Func<GatewayRef> self, ILogger logger)
{
    // Stream names are at most 255 characters (spec/jetstream.md §2.2); a longer token names none.
    private const int MaxStreamNameBytes = 4 * 255;

    private readonly ConcurrentDictionary<string, StreamRecordLink> _appends = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StreamRecordLink> _acks = new(StringComparer.Ordinal);
    private readonly byte[]? _domainApiPrefix = JetStreamSubject.DomainApiPrefix(domain);
    private readonly SubjectMatchCache<string[]> _captureCache = new(1024);
    private volatile CaptureIndex _capture = CaptureIndex.Empty;
    private long _version = long.MinValue;

    /// The account's limits; null when JetStream is not enabled for it (requests get 10039).
    public JetStreamAccountLimits? Limits { get; private set; } = limits;

    public string? Domain => domain;

    public void SetLimits(JetStreamAccountLimits? value) => Limits = value;

    /// The streams' subjects from the account grain (on subscribe or as a push); an older list
    /// never replaces a newer one.
    public void SetSubjects(StreamSubjects subjects)
    {
        lock (_appends)
        {
            if (subjects.Version < _version)
            {
                return;
            }

            _version = subjects.Version;
            // A new generation makes every cached capture stale.
            _capture = CaptureIndex.Build(subjects, _capture.Generation + 1);
        }
    }

    /// `$JS.…` subjects this gateway acts on: API requests, acks, flow control replies. True
    /// when handled (the publish then has a responder).
    public bool TryHandle(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message)
    {
        switch (JetStreamSubject.Classify(subject, _domainApiPrefix, out var operation, out var stream))
        {
            case JetStreamSubject.Kind.Api:
                ForwardApi(operation, reply.IsEmpty ? null : SubjectText.FromBytes(reply), message.Slice(headerSize).ToArray());
                return true;
            case JetStreamSubject.Kind.Ack or JetStreamSubject.Kind.FlowControl when Limits is not null && AckLink(stream) is { } link:
                link.Add(subject, reply, headerSize, message);
                return true;
            default:
                return false;
        }
    }

    /// Hands a published message to every stream whose subjects capture it; returns how many
    /// (each then answers the publisher with a pub ack).
    public int Capture(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message)
    {
        var index = _capture;
        if (index.IsEmpty)
        {
            return 0;
        }

        if (!_captureCache.TryGet(subject, index.Generation, out var streams))
        {
            streams = index.Match(subject);
            _captureCache.Set(subject, index.Generation, streams);
        }

        foreach (var stream in streams)
        {
            AppendLink(stream).Add(subject, reply, headerSize, message);
        }

        return streams.Length;
    }

    private StreamRecordLink AppendLink(string stream) => _appends.GetOrAdd(stream, s =>
    {
        var grain = grains.GetGrain<IStreamGrain>(StreamKeys.Of(account.Name, s));
        return new StreamRecordLink(batch => grain.Append(self(), batch), "messages", logger);
    });

    /// The link carrying acks to the stream the token names, or null when the account has no
    /// such stream (the ack then has no responder). Found without making a string: one per ack
    /// would be an allocation per delivered message.
    private StreamRecordLink? AckLink(ReadOnlySpan<byte> token)
    {
        if (token.Length > MaxStreamNameBytes)
        {
            return null;
        }

        Span<char> name = stackalloc char[token.Length];
        name = name[..System.Text.Encoding.UTF8.GetChars(token, name)];
        if (!_capture.HasStream(name))
        {
            return null;
        }

        return _acks.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var link) ? link : _acks.GetOrAdd(new string(name), s =>
        {
            var grain = grains.GetGrain<IStreamGrain>(StreamKeys.Of(account.Name, s));
            return new StreamRecordLink(batch => grain.Acks(self(), batch), "acks", logger);
        });
    }
}
