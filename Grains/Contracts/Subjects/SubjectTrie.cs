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

        if (node.Item is null)
        {
            node.Item = item;
        }
        else
        {
            (node.MoreItems ??= new List<T>(1)).Add(item);
        }

        Count++;
    }

    /// Removes one registration of this exact item reference under `subject` and prunes nodes
    /// left empty. Returns false when there was no such registration. Iterative: a subject of
    /// any depth costs no stack (issue #10: a 100,000-token subject must not overflow it).
    public bool Remove(ReadOnlySpan<byte> subject, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (subject.IsEmpty)
        {
            return false;
        }

        var path = t_path ??= [];
        path.Clear();
        try
        {
            Node node = _root;
            int pos = 0;
            while (true)
            {
                int dot = subject[pos..].IndexOf((byte)'.');
                int end = dot < 0 ? subject.Length : pos + dot;
                Node? child = GetChild(node, subject[pos..end]);
                if (child is null)
                {
                    return false;
                }

                path.Add((node, pos, end));
                node = child;
                if (dot < 0)
                {
                    break;
                }

                pos = end + 1;
            }

            if (!RemoveItem(node, item))
            {
                return false;
            }

            // Prune from the deepest level up while the child just left is empty.
            for (int i = path.Count - 1; i >= 0 && node.IsEmpty; i--)
            {
                var (parent, from, to) = path[i];
                RemoveChild(parent, subject[from..to]);
                node = parent;
            }

            Count--;
            return true;
        }
        finally
        {
            path.Clear();
            if (path.Capacity > MaxKeptCapacity)
            {
                t_path = null; // a very deep subject: do not keep its buffer for the thread's life
            }
        }
    }

    /// Appends every item whose pattern matches the published subject; order is unspecified.
    /// A subject with an empty token matches nothing. Allocates only if `results` or the
    /// thread's work stack must grow. Iterative, with an explicit stack: depth costs no call
    /// stack. Each trie node is reached at most once (its path is fixed by the subject), so
    /// the work is bounded by the subject's length times the wildcard branching.
    public void Match(ReadOnlySpan<byte> literalSubject, List<T> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (SubjectMatcher.HasEmptyToken(literalSubject))
        {
            return;
        }

        var pending = t_pending ??= new Stack<(Node, int)>();
        pending.Clear();
        pending.Push((_root, 0));
        while (pending.TryPop(out var frame))
        {
            var (node, pos) = frame;
            ReadOnlySpan<byte> rest = literalSubject[pos..];
            int dot = rest.IndexOf((byte)'.');
            bool last = dot < 0;
            ReadOnlySpan<byte> token = last ? rest : rest[..dot];
            int next = pos + dot + 1;

            if (node.FullWildcard is { } full)
            {
                AddItems(full, results);
            }

            if (node.Star is { } star)
            {
                Descend(pending, star, last, next, results);
            }

            // The lookup is a struct over the dictionary; probing it with a span allocates nothing.
            if (node.Literals is { } literals
                && literals.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(token, out Node? child))
            {
                Descend(pending, child, last, next, results);
            }
        }

        if (pending.Count == 0 && pending.EnsureCapacity(0) > MaxKeptCapacity)
        {
            t_pending = null;
        }
    }

    /// Nodes below the root, so tests can check that Remove prunes.
    internal int NodeCount()
    {
        int count = 0;
        var pending = new Stack<Node>();
        pending.Push(_root);
        while (pending.TryPop(out var node))
        {
            foreach (Node child in node.Children())
            {
                count++;
                pending.Push(child);
            }
        }

        return count;
    }

    private const int MaxKeptCapacity = 4096;

    // Work stacks per thread: Match and Remove call no foreign code, so they never nest.
    [ThreadStatic]
    private static Stack<(Node, int)>? t_pending;

    [ThreadStatic]
    private static List<(Node Parent, int From, int To)>? t_path;

    private static void Descend(Stack<(Node, int)> pending, Node child, bool last, int next, List<T> results)
    {
        if (last)
        {
            AddItems(child, results);
        }
        else
        {
            pending.Push((child, next));
        }
    }

    private static void AddItems(Node node, List<T> results)
    {
        if (node.Item is not { } first)
        {
            return;
        }

        results.Add(first);
        if (node.MoreItems is { } more)
        {
            for (int i = 0; i < more.Count; i++)
            {
                results.Add(more[i]);
            }
        }
    }

    private static bool RemoveItem(Node node, T item)
    {
        // By reference: two equal-looking subscriptions are still two subscriptions.
        if (ReferenceEquals(node.Item, item))
        {
            node.Item = TakeLast(node);
            return true;
        }

        List<T>? more = node.MoreItems;
        if (more is null)
        {
            return false;
        }

        for (int i = 0; i < more.Count; i++)
        {
            if (ReferenceEquals(more[i], item))
            {
                more.RemoveAt(i);
                if (more.Count == 0)
                {
                    node.MoreItems = null;
                }

                return true;
            }
        }

        return false;
    }

    /// Removes and returns the last of the extra items (null when there are none).
    private static T? TakeLast(Node node)
    {
        if (node.MoreItems is not { } more)
        {
            return null;
        }

        var last = more[^1];
        more.RemoveAt(more.Count - 1);
        if (more.Count == 0)
        {
            node.MoreItems = null;
        }

        return last;
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

    private static bool IsSingle(ReadOnlySpan<byte> token, byte value) => token.Length == 1 && token[0] == value;

    private sealed class Node
    {
        public Dictionary<byte[], Node>? Literals;
        public Node? Star;
        public Node? FullWildcard; // `>` is always last, so this child only ever holds items
        // The first item inline (most subjects have one subscriber on a node), the rest in a
        // list only when there are several: a leaf costs no list and array of its own.
        public T? Item;
        public List<T>? MoreItems; // non-null only while Item is set

        // Empty collections are set to null on removal, so null checks are enough here.
        public bool IsEmpty => Literals is null && Star is null && FullWildcard is null && Item is null;

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
