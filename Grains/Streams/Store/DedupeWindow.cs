using System.Text;

namespace Natrium.Grains.Streams.Store;

/// Nats-Msg-Id values seen within duplicate_window, with the sequence each was stored under.
/// An id counts as a duplicate while younger than the window; entries are pruned oldest first as
/// time passes (nats-server prunes by a timer; the answer is the same). Lookups decode the id
/// bytes (Latin-1, like subjects) into a stack buffer, so only a newly stored id allocates.
internal sealed class DedupeWindow
{
    private const int StackLimit = 256;

    private readonly Dictionary<string, (ulong Sequence, long TimestampNanos)> _ids = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long TimestampNanos)> _order = new();

    public int Count => _ids.Count;

    public bool TryGet(ReadOnlySpan<byte> id, long nowNanos, long windowNanos, out ulong sequence)
    {
        sequence = 0;
        if (_ids.Count == 0)
        {
            return false;
        }

        Span<char> stack = stackalloc char[StackLimit];
        var chars = id.Length <= StackLimit ? stack[..id.Length] : new char[id.Length];
        Encoding.Latin1.GetChars(id, chars);
        if (!_ids.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var entry)
            || nowNanos - entry.TimestampNanos >= windowNanos)
        {
            return false;
        }

        sequence = entry.Sequence;
        return true;
    }

    public void Add(string id, ulong sequence, long timestampNanos)
    {
        _ids[id] = (sequence, timestampNanos);
        _order.Enqueue((id, timestampNanos));
    }

    /// Forgets ids older than the window.
    public void Prune(long nowNanos, long windowNanos)
    {
        while (_order.TryPeek(out var oldest) && nowNanos - oldest.TimestampNanos >= windowNanos)
        {
            _order.Dequeue();
            // A newer entry for the same id (stored again after its window) stays.
            if (_ids.TryGetValue(oldest.Id, out var entry) && entry.TimestampNanos == oldest.TimestampNanos)
            {
                _ids.Remove(oldest.Id);
            }
        }
    }
}
