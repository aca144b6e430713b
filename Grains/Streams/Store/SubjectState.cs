namespace Natrium.Grains.Streams.Store;

/// One subject of a stream: its interned name and the ascending sequences of its held messages
/// (the per-subject index: last-by-subject, KV history limits, counts per subject). One held
/// message needs no array; more live in a window of an array, so that removing the oldest (limits,
/// KV history) or the newest is O(1) and any other O(log n) + a shift of the shorter side.
internal sealed class SubjectState(string subject)
{
    private ulong[]? _sequences;
    private ulong _single;
    private int _head;

    public string Subject { get; } = subject;

    public int Count { get; private set; }

    public ulong First => _sequences is null ? _single : _sequences[_head];

    public ulong Last => _sequences is null ? _single : _sequences[_head + Count - 1];

    /// The last filter tested against this subject and the answer: scans with one consumer's
    /// filter test each subject once instead of once per message.
    public string? MatchedFilter { get; set; }

    public bool Matched { get; set; }

    public ReadOnlySpan<ulong> Sequences =>
        _sequences is null ? (Count == 0 ? [] : new ReadOnlySpan<ulong>(in _single)) : _sequences.AsSpan(_head, Count);

    /// Adds a sequence above every held one.
    public void Append(ulong sequence)
    {
        if (Count == 0 && _sequences is null)
        {
            _single = sequence;
            Count = 1;
            return;
        }

        if (_sequences is null)
        {
            _sequences = new ulong[4];
            _sequences[0] = _single;
            _head = 0;
        }
        else if (_head + Count == _sequences.Length)
        {
            if (Count <= _sequences.Length / 2)
            {
                Array.Copy(_sequences, _head, _sequences, 0, Count);
            }
            else
            {
                var grown = new ulong[_sequences.Length * 2];
                Array.Copy(_sequences, _head, grown, 0, Count);
                _sequences = grown;
            }

            _head = 0;
        }

        _sequences[_head + Count] = sequence;
        Count++;
    }

    public bool Remove(ulong sequence)
    {
        if (_sequences is null)
        {
            if (Count == 1 && _single == sequence)
            {
                Count = 0;
                return true;
            }

            return false;
        }

        var index = Array.BinarySearch(_sequences, _head, Count, sequence);
        if (index < 0)
        {
            return false;
        }

        var offset = index - _head;
        if (offset < Count / 2)
        {
            Array.Copy(_sequences, _head, _sequences, _head + 1, offset);
            _head++;
        }
        else
        {
            Array.Copy(_sequences, index + 1, _sequences, index, Count - offset - 1);
        }

        Count--;
        if (Count == 0)
        {
            _sequences = null;
            _head = 0;
        }

        return true;
    }

    /// How many held sequences are above `after`.
    public ulong CountAfter(ulong after)
    {
        var sequences = Sequences;
        if (sequences.IsEmpty || after < sequences[0])
        {
            return (ulong)sequences.Length;
        }

        return (ulong)(sequences.Length - UpperBound(sequences, after));
    }

    /// The first held sequence at or above `from`, or 0.
    public ulong AtOrAfter(ulong from)
    {
        var sequences = Sequences;
        var index = from == 0 ? 0 : UpperBound(sequences, from - 1);
        return index < sequences.Length ? sequences[index] : 0;
    }

    // Index of the first element greater than value.
    private static int UpperBound(ReadOnlySpan<ulong> sequences, ulong value)
    {
        int low = 0, high = sequences.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sequences[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
