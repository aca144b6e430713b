namespace Natrium.Grains.Streams.Store;

/// The state StreamInfo shows (spec/jetstream.md §2.3).
internal sealed partial class MessageStore
{
    /// Slots of the in-memory index (24 bytes each): the index's memory, for diagnostics.
    public long IndexedSlots => _segments.Sum(segment => (long)segment.Count);

    /// num_deleted counts the sequences between first and last that are not held; the list
    /// itself is built only when asked for (deleted_details), as it can be long.
    public StoreState GetState(bool deletedDetails = false)
    {
        var deleted = _messages == 0 ? 0 : _last - _first + 1 - _messages;
        long? firstTimestamp = _messages > 0 ? TimestampOf(_first)
            : _last == 0 ? null : _emptyFirstTimestamp;
        return new StoreState(
            _messages,
            _bytes,
            _first,
            firstTimestamp,
            _last,
            _lastTimestamp,
            _subjects.Count,
            deleted,
            deletedDetails ? DeletedSequences(deleted) : null);
    }

    private List<ulong> DeletedSequences(ulong count)
    {
        var deleted = new List<ulong>((int)Math.Min(count, 1 << 20));
        if (_messages == 0)
        {
            return deleted;
        }

        var expected = _first;
        for (var held = NextHeld(_first); held != 0; held = NextHeld(held + 1))
        {
            for (; expected < held; expected++)
            {
                deleted.Add(expected);
            }

            expected = held + 1;
        }

        for (; expected <= _last; expected++)
        {
            deleted.Add(expected);
        }

        return deleted;
    }
}
