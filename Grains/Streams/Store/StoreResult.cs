using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams.Store;

/// What became of a published message (spec/jetstream.md §3.1–3.2); the lead turns it into a
/// PubAck: Stored and NotKept ack Sequence, Duplicate acks Sequence with `"duplicate": true`,
/// Rejected answers Error, Dropped answers nothing.
internal enum StoreOutcome
{
    /// Stored under Sequence.
    Stored,

    /// An interest stream without interest: Sequence is used up and acked, nothing is kept.
    NotKept,

    /// Nats-Msg-Id seen within duplicate_window: Sequence is the original's (0 when the
    /// original was not kept, as 2.9.10 answers).
    Duplicate,

    /// Refused with Error; no sequence used, except for 10002 (account limits), where 2.9.10
    /// stores, finds the account over its limit and removes the message again.
    Rejected,

    /// A Nats-Rollup value other than sub/all: 2.9.10 neither stores nor answers.
    Dropped,
}

internal readonly record struct StoreResult(StoreOutcome Outcome, ulong Sequence, ApiError? Error)
{
    public static StoreResult Stored(ulong sequence) => new(StoreOutcome.Stored, sequence, null);

    public static StoreResult NotKept(ulong sequence) => new(StoreOutcome.NotKept, sequence, null);

    public static StoreResult Duplicate(ulong sequence) => new(StoreOutcome.Duplicate, sequence, null);

    public static StoreResult Rejected(ApiError error) => new(StoreOutcome.Rejected, 0, error);

    public static StoreResult Dropped { get; } = new(StoreOutcome.Dropped, 0, null);
}

/// The answer to a purge: how many messages went, or the error (then Purged is 0).
internal readonly record struct PurgeResult(ulong Purged, ApiError? Error);
