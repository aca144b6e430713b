namespace Natrium.Contracts.Subjects;

/// Subscription patterns in a token trie (protocol.md §11). At each level of a published subject
/// the `>` child contributes all its items, the `*` child and the literal child for the token each
/// continue one level down. Literal `*`/`>` tokens of a published subject never find a literal
/// child, because Add files wildcard tokens into their own slots: only wildcards cover them.
///
/// Not thread-safe. Callers hold their own lock around Add and Remove; Match may run concurrently
/// with other Match calls only while no Add or Remove runs (e.g. under a reader lock).
public sealed class SubjectTrie<T> where T : class
{
    private readonly Node _root = new();

    /// Number of (pattern, item) registrations; an item added twice counts twice.
    public int Count { get; private set; }

    /// Registers `item` under subscription pattern `subject`, which must be valid
    /// (SubjectValidator.IsValidSubscription); the same item may be added under several patterns.
    public void Add(ReadOnlySpan<byte> subject, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!SubjectValidator.IsValidSubscription(subject))
        {
            throw new ArgumentException("Not a valid subscription subject.", nameof(subject));
        }

        Node node = _root;
        while (true)
        {
            int dot = subject.IndexOf((byte)'.');
            node = GetOrAddChild(node, dot < 0 ? subject : subject[..dot]);
            if (dot < 0)
            {
                break;
            }

            subject = subject[(dot + 1)..];
        }

        (node.Items ??= new List<T>(1)).Add(item);
        Count++;
    }

    /// Removes one registration of this exact item reference under `subject` and prunes nodes
    /// left empty. Returns false when there was no such registration.
    public bool Remove(ReadOnlySpan<byte> subject, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (subject.IsEmpty || !RemoveBelow(_root, subject, item))
        {
            return false;
        }

        Count--;
        return true;
    }

    /// Appends every item whose pattern matches the published subject; order is unspecified.
    /// A subject with an empty token matches nothing. Allocates only if `results` must grow.
    public void Match(ReadOnlySpan<byte> literalSubject, List<T> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!SubjectMatcher.HasEmptyToken(literalSubject))
        {
            MatchLevel(_root, literalSubject, results);
        }
    }

    /// Nodes below the root, so tests can check that Remove prunes.
    internal int NodeCount() => CountBelow(_root);

    // `subject` holds this level's token and everything after it; it is never empty.
    private static void MatchLevel(Node node, ReadOnlySpan<byte> subject, List<T> results)
    {
        int dot = subject.IndexOf((byte)'.');
        bool last = dot < 0;
        ReadOnlySpan<byte> token = last ? subject : subject[..dot];
        ReadOnlySpan<byte> rest = last ? default : subject[(dot + 1)..];

        if (node.FullWildcard is { } full)
        {
            AddItems(full, results);
        }

        if (node.Star is { } star)
        {
            Descend(star, last, rest, results);
        }

        // The lookup is a struct over the dictionary; probing it with a span allocates nothing.
        if (node.Literals is { } literals
            && literals.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(token, out Node? child))
        {
            Descend(child, last, rest, results);
        }
    }

    private static void Descend(Node child, bool last, ReadOnlySpan<byte> rest, List<T> results)
    {
        if (last)
        {
            AddItems(child, results);
        }
        else
        {
            MatchLevel(child, rest, results);
        }
    }

    private static void AddItems(Node node, List<T> results)
    {
        List<T>? items = node.Items;
        if (items is null)
        {
            return;
        }

        for (int i = 0; i < items.Count; i++)
        {
            results.Add(items[i]);
        }
    }

    private static bool RemoveBelow(Node node, ReadOnlySpan<byte> subject, T item)
    {
        int dot = subject.IndexOf((byte)'.');
        ReadOnlySpan<byte> token = dot < 0 ? subject : subject[..dot];
        Node? child = GetChild(node, token);
        if (child is null)
        {
            return false;
        }

        bool removed = dot < 0
            ? RemoveItem(child, item)
            : RemoveBelow(child, subject[(dot + 1)..], item);
        if (removed && child.IsEmpty)
        {
            RemoveChild(node, token);
        }

        return removed;
    }

    private static bool RemoveItem(Node node, T item)
    {
        List<T>? items = node.Items;
        if (items is null)
        {
            return false;
        }

        // By reference: two equal-looking subscriptions are still two subscriptions.
        for (int i = 0; i < items.Count; i++)
        {
            if (ReferenceEquals(items[i], item))
            {
                items.RemoveAt(i);
                if (items.Count == 0)
                {
                    node.Items = null;
                }

                return true;
            }
        }

        return false;
    }

    private static Node? GetChild(Node node, ReadOnlySpan<byte> token)
    {
        if (IsSingle(token, (byte)'*'))
        {
            return node.Star;
        }

        if (IsSingle(token, (byte)'>'))
        {
            return node.FullWildcard;
        }

        return node.Literals is { } literals
            && literals.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(token, out Node? child)
            ? child
            : null;
    }

    private static Node GetOrAddChild(Node node, ReadOnlySpan<byte> token)
    {
        if (IsSingle(token, (byte)'*'))
        {
            return node.Star ??= new Node();
        }

        if (IsSingle(token, (byte)'>'))
        {
            return node.FullWildcard ??= new Node();
        }

        var literals = node.Literals ??= new Dictionary<byte[], Node>(ByteArrayComparer.Instance);
        var lookup = literals.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(token, out Node? child))
        {
            child = new Node();
            lookup[token] = child; // the comparer's Create copies the token into a new key
        }

        return child;
    }

    private static void RemoveChild(Node node, ReadOnlySpan<byte> token)
    {
        if (IsSingle(token, (byte)'*'))
        {
            node.Star = null;
        }
        else if (IsSingle(token, (byte)'>'))
        {
            node.FullWildcard = null;
        }
        else if (node.Literals is { } literals)
        {
            literals.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(token);
            if (literals.Count == 0)
            {
                node.Literals = null;
            }
        }
    }

    private static int CountBelow(Node node)
    {
        int count = 0;
        foreach (Node child in node.Children())
        {
            count += 1 + CountBelow(child);
        }

        return count;
    }

    private static bool IsSingle(ReadOnlySpan<byte> token, byte value) => token.Length == 1 && token[0] == value;

    private sealed class Node
    {
        public Dictionary<byte[], Node>? Literals;
        public Node? Star;
        public Node? FullWildcard; // `>` is always last, so this child only ever holds items
        public List<T>? Items;

        // Empty collections are set to null on removal, so null checks are enough here.
        public bool IsEmpty => Literals is null && Star is null && FullWildcard is null && Items is null;

        public IEnumerable<Node> Children()
        {
            if (Literals is not null)
            {
                foreach (Node child in Literals.Values)
                {
                    yield return child;
                }
            }

            if (Star is not null)
            {
                yield return Star;
            }

            if (FullWildcard is not null)
            {
                yield return FullWildcard;
            }
        }
    }
}
