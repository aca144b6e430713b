using Natrium.Contracts.Messages;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Streams;

/// Which streams of an account capture which subjects: built whole from the account grain's
/// list, then only read (any thread). Stream subjects never overlap within an account
/// (spec/jetstream.md §2.2), but a subject may still be captured by one stream only.
internal sealed class CaptureIndex
{
    public static readonly CaptureIndex Empty = new(new SubjectTrie<string>(), [], 0, true);

    private readonly SubjectTrie<string> _trie;
    private readonly HashSet<string> _streams;

    private CaptureIndex(SubjectTrie<string> trie, HashSet<string> streams, long generation, bool empty)
    {
        _trie = trie;
        _streams = streams;
        Generation = generation;
        IsEmpty = empty;
    }

    /// Distinguishes cached lookups of one index from those of the next.
    public long Generation { get; }

    public bool IsEmpty { get; }

    public static CaptureIndex Build(StreamSubjects subjects, long generation)
    {
        var trie = new SubjectTrie<string>();
        var streams = new HashSet<string>(StringComparer.Ordinal);
        var any = false;
        foreach (var stream in subjects.Streams)
        {
            streams.Add(stream.Stream);
            foreach (var subject in stream.Subjects)
            {
                if (SubjectValidator.IsValidSubscription(subject))
                {
                    trie.Add(SubjectText.ToBytes(subject), stream.Stream);
                    any = true;
                }
            }
        }

        return new CaptureIndex(trie, streams, generation, !any);
    }

    /// Whether the account has the stream (as of the account grain's last push).
    public bool HasStream(string stream) => _streams.Contains(stream);

    public bool HasStream(ReadOnlySpan<char> stream) => _streams.GetAlternateLookup<ReadOnlySpan<char>>().Contains(stream);

    /// The streams capturing a published subject (distinct; usually none or one).
    public string[] Match(ReadOnlySpan<byte> subject)
    {
        // Read-only after Build, so concurrent matches are safe (their work stacks are per thread).
        var found = new List<string>(1);
        _trie.Match(subject, found);

        return found.Count == 0 ? [] : [.. found.Distinct(StringComparer.Ordinal)];
    }
}
