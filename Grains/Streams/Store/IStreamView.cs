namespace Natrium.Grains.Streams.Store;

/// What a consumer reads of its stream (MessageStore implements it). Sequences start at 1; a
/// filter is a subject pattern with wildcards, null meaning every subject. Single-threaded:
/// called only from the stream grain's turn.
internal interface IStreamView
{
    /// First sequence still held; LastSequence + 1 when the stream is empty (0 if never used).
    ulong FirstSequence { get; }

    /// Last sequence ever stored (0 if none), even if that message is gone since.
    ulong LastSequence { get; }

    /// The message at sequence, or null when it never was or is gone.
    StoredMessage? Load(ulong sequence);

    /// The first sequence ≥ from whose message matches filter, or 0 when there is none.
    ulong NextMatching(ulong from, string? filter);

    /// How many held messages after `after` match filter (a consumer's num_pending).
    ulong CountMatching(ulong after, string? filter);

    /// For deliver_policy last_per_subject: the sequence of the newest message of each subject
    /// matching filter, ascending.
    IReadOnlyList<ulong> LastPerSubject(string? filter);

    /// The first sequence stored at or after the time (deliver_policy by_start_time), or
    /// LastSequence + 1 when none.
    ulong SequenceAtOrAfter(long timestampNanos);
}
