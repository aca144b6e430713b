using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Permissions;

/// Plain subject patterns matched against a published (literal) subject with the usual `*`/`>`
/// semantics (spec/authorization.md §3, §5). Built once, then only read, so any thread may match.
/// Callers cache results per subject; a match itself allocates nothing once the thread's scratch
/// list has grown.
internal sealed class SubjectPatternSet
{
    private static readonly object Present = new();

    [ThreadStatic]
    private static List<object>? t_scratch;

    private readonly SubjectTrie<object> _trie = new();

    public SubjectPatternSet(IEnumerable<byte[]> patterns)
    {
        foreach (var pattern in patterns)
        {
            _trie.Add(pattern, Present);
        }
    }

    public int Count => _trie.Count;

    /// A subject with an empty token matches nothing, not even `>`, as in SubjectMatcher and
    /// nats-server's sublist.
    public bool Matches(ReadOnlySpan<byte> subject)
    {
        if (_trie.Count == 0 || SubjectMatcher.HasEmptyToken(subject))
        {
            return false;
        }

        var scratch = t_scratch ??= [];
        try
        {
            _trie.Match(subject, scratch);
            return scratch.Count > 0;
        }
        finally
        {
            scratch.Clear();
        }
    }
}
