namespace Natrium.Contracts.Subjects;

/// Subscriptions indexed by subject token (nats-server's sublist without its cache): a level
/// per token, with the `*` and `>` children kept apart from literal tokens so a match visits
/// only the branches that can match. Lookups by span allocate nothing. Not thread-safe.
public sealed class SubjectTrie<T>
    where T : class
{
    private readonly Node _root = new();

    public int Count { get; private set; }

    public void Add(ReadOnlySpan<byte> subject, T item)
    {
        var node = _root;
        foreach (var token in new TokenEnumerator(subject))
        {
            node = node.Child(token, create: true)!;
        }

        node.Items.Add(item);
        Count++;
    }

    public bool Remove(ReadOnlySpan<byte> subject, T item)
    {
        if (!Remove(_root, subject, item))
        {
            return false;
        }

        Count--;
        return true;
    }

    /// Appends every item whose subscription subject matches the literal subject.
    public void Match(ReadOnlySpan<byte> subject, List<T> results) => Match(_root, subject, results);

    private static void Match(Node node, ReadOnlySpan<byte> rest, List<T> results)
    {
        while (true)
        {
            var dot = rest.IndexOf((byte)'.');
            var token = dot < 0 ? rest : rest[..dot];
            var last = dot < 0;
            if (node.FullWildcard is { } full)
            {
                results.AddRange(full.Items);
            }

            if (node.Wildcard is { } star)
            {
                if (last)
                {
                    results.AddRange(star.Items);
                }
                else
                {
                    Match(star, rest[(dot + 1)..], results);
                }
            }

            var literal = node.Literal(token);
            if (literal is null)
            {
                return;
            }

            if (last)
            {
                results.AddRange(literal.Items);
                return;
            }

            node = literal;
            rest = rest[(dot + 1)..];
        }
    }

    private static bool Remove(Node node, ReadOnlySpan<byte> rest, T item)
    {
        var dot = rest.IndexOf((byte)'.');
        var token = dot < 0 ? rest : rest[..dot];
        var child = node.Child(token, create: false);
        if (child is null)
        {
            return false;
        }

        var removed = dot < 0 ? RemoveItem(child.Items, item) : Remove(child, rest[(dot + 1)..], item);
        if (removed && child.IsEmpty)
        {
            node.Prune(token);
        }

        return removed;
    }

    private static bool RemoveItem(List<T> items, T item)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (ReferenceEquals(items[i], item))
            {
                items.RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    private sealed class Node
    {
        private Dictionary<byte[], Node>? _literals;

        public List<T> Items { get; } = [];

        public Node? Wildcard { get; private set; }

        public Node? FullWildcard { get; private set; }

        public bool IsEmpty => Items.Count == 0 && Wildcard is null && FullWildcard is null && (_literals is null || _literals.Count == 0);

        public Node? Literal(ReadOnlySpan<byte> token) =>
            _literals is not null && _literals.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(token, out var node) ? node : null;

        public Node? Child(ReadOnlySpan<byte> token, bool create)
        {
            if (IsToken(token, (byte)'*'))
            {
                return Wildcard ??= create ? new Node() : null;
            }

            if (IsToken(token, (byte)'>'))
            {
                return FullWildcard ??= create ? new Node() : null;
            }

            var existing = Literal(token);
            if (existing is not null || !create)
            {
                return existing;
            }

            _literals ??= new Dictionary<byte[], Node>(ByteArrayComparer.Instance);
            var node = new Node();
            _literals[token.ToArray()] = node;
            return node;
        }

        public void Prune(ReadOnlySpan<byte> token)
        {
            if (IsToken(token, (byte)'*'))
            {
                Wildcard = null;
            }
            else if (IsToken(token, (byte)'>'))
            {
                FullWildcard = null;
            }
            else
            {
                _literals?.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(token);
            }
        }

        private static bool IsToken(ReadOnlySpan<byte> token, byte wildcard) => token.Length == 1 && token[0] == wildcard;
    }

    /// Splits a subject on dots without allocating.
    private ref struct TokenEnumerator(ReadOnlySpan<byte> subject)
    {
        private ReadOnlySpan<byte> _rest = subject;
        private bool _done = subject.IsEmpty;

        public ReadOnlySpan<byte> Current { get; private set; }

        public readonly TokenEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            var dot = _rest.IndexOf((byte)'.');
            if (dot < 0)
            {
                Current = _rest;
                _done = true;
            }
            else
            {
                Current = _rest[..dot];
                _rest = _rest[(dot + 1)..];
            }

            return true;
        }
    }
}
