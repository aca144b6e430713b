using Natrium.Contracts.Subjects;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// An in-memory stream for the consumer engine: sequences from 1, removal leaves gaps, a
/// purge moves the first sequence. Plain and slow on purpose, so it is easy to trust.
internal sealed class FakeStreamView : IStreamView
{
    private readonly SortedDictionary<ulong, StoredMessage> _messages = [];
    private ulong _purgedThrough;

    public ulong LastSequence { get; private set; }

    public ulong FirstSequence => _messages.Count > 0 ? _messages.Keys.First() : LastSequence == 0 ? 0 : LastSequence + 1;

    public StoredMessage Add(string subject, string data, long timestamp, string headers = "")
    {
        var message = new StoredMessage(++LastSequence, subject, System.Text.Encoding.ASCII.GetBytes(headers), System.Text.Encoding.ASCII.GetBytes(data), timestamp);
        _messages[message.Sequence] = message;
        return message;
    }

    public bool Remove(ulong sequence) => _messages.Remove(sequence);

    /// Removes everything below `firstKept` (everything when it is past the end); returns the
    /// stream's new first sequence.
    public ulong PurgeBelow(ulong firstKept)
    {
        foreach (var seq in _messages.Keys.Where(s => s < firstKept).ToList())
        {
            _messages.Remove(seq);
        }

        _purgedThrough = Math.Max(_purgedThrough, firstKept - 1);
        return FirstSequence;
    }

    public StoredMessage? Load(ulong sequence) => _messages.GetValueOrDefault(sequence);

    public ulong NextMatching(ulong from, string? filter) =>
        _messages.Values.FirstOrDefault(m => m.Sequence >= from && Matches(filter, m.Subject))?.Sequence ?? 0;

    public ulong CountMatching(ulong after, string? filter) =>
        (ulong)_messages.Values.Count(m => m.Sequence > after && Matches(filter, m.Subject));

    public IReadOnlyList<ulong> LastPerSubject(string? filter) =>
        _messages.Values.Where(m => Matches(filter, m.Subject)).GroupBy(m => m.Subject).Select(g => g.Max(m => m.Sequence)).Order().ToList();

    public ulong SequenceAtOrAfter(long timestampNanos) =>
        _messages.Values.FirstOrDefault(m => m.TimestampNanos >= timestampNanos)?.Sequence ?? LastSequence + 1;

    private static bool Matches(string? filter, string subject) => filter is null || SubjectMatcher.Matches(filter, subject);
}
