using System.Text;
using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams.Store;

/// Publishing into the stream: the checks of spec/jetstream.md §3.2 in 2.9.10's order
/// (stream.go processJetStreamMsg, filestore.go storeRawMsg), then limits (§3.3).
internal sealed partial class MessageStore
{
    private const int MaxHeadersLength = ushort.MaxValue;

    /// Stores a published message. The store keeps references to headers and data (no copy):
    /// the caller must not change them afterwards. For an interest stream, hasInterest says
    /// whether any consumer's filter matches the subject (the lead knows its consumers); without
    /// interest the sequence is used and acked but nothing is kept (NotKept).
    /// O(1) amortized: one StoredMessage and one buffered record per stored message.
    public StoreResult Store(string subject, ReadOnlyMemory<byte> headers, ReadOnlyMemory<byte> data, bool hasInterest = true)
    {
        var config = Config;
        if (config.Sealed)
        {
            return StoreResult.Rejected(StoreErrors.Sealed);
        }

        var now = NowNanos();
        var js = JsHeaders.Parse(headers.Span);
        var refusal = Check(config, subject, js, now, headers.Length, data.Length, out var rollup);
        if (refusal is { } refused)
        {
            return refused;
        }

        // The id is kept for dedupe and Nats-Expected-Last-Msg-Id; nothing to allocate without one.
        var msgId = js.MsgId.IsEmpty ? "" : Encoding.Latin1.GetString(js.MsgId);
        var timestamp = Math.Max(now, _lastTimestamp ?? 0);
        if (config.Retention == RetentionPolicy.Interest && !hasInterest)
        {
            var skipped = UseSequence(timestamp);
            _lastMsgId = msgId;
            if (msgId.Length > 0)
            {
                // 2.9.10 records sequence 0 here, so a duplicate of it is acked with seq 0.
                _dedupe.Add(msgId, 0, timestamp);
            }

            return StoreResult.NotKept(skipped);
        }

        _subjects.TryGetValue(subject, out var state);
        if (CheckDiscardNew(config, state, headers.Length + data.Length) is { } full)
        {
            return StoreResult.Rejected(full);
        }

        var sequence = Append(subject, state, headers, data, timestamp);
        ApplyLimitsAfterStore(config, subject);
        if (AccountLimitExceeded?.Invoke(_bytes) == true)
        {
            // 2.9.10 stores, sees the account over its limit and removes the message: its
            // sequence stays used (probed: last_seq advanced, the sequence listed as deleted).
            RemoveSequence(sequence, erase: false);
            return StoreResult.Rejected(StoreErrors.AccountResourcesExceeded);
        }

        _lastMsgId = msgId;
        if (msgId.Length > 0)
        {
            _dedupe.Add(msgId, sequence, timestamp);
        }

        // Limits may have evicted the new message itself (a message bigger than max_bytes).
        if (rollup == Rollup.Subject && _subjects.TryGetValue(subject, out var rolled))
        {
            KeepNewest(rolled, 1);
        }
        else if (rollup == Rollup.All)
        {
            RemoveBelow(sequence);
        }

        return StoreResult.Stored(sequence);
    }

    // Checks 1–7 of §3.2 (sealed was checked first, as processInboundJetStreamMsg does) and the
    // 64 KiB header limit that follows max_msg_size in 2.9.10.
    private StoreResult? Check(StreamConfig config, string subject, in JsHeaders js, long now, int headersLength, int dataLength, out Rollup rollup)
    {
        rollup = Rollup.None;
        if (!js.ExpectedStream.IsEmpty && !Latin1Equals(js.ExpectedStream, config.Name ?? ""))
        {
            return StoreResult.Rejected(StoreErrors.ExpectedStreamMismatch);
        }

        if (!js.MsgId.IsEmpty)
        {
            _dedupe.Prune(now, DuplicateWindow);
            if (_dedupe.TryGet(js.MsgId, now, DuplicateWindow, out var original))
            {
                return StoreResult.Duplicate(original);
            }
        }

        if (!js.ExpectedLastSubjectSequence.IsEmpty)
        {
            var actual = _subjects.TryGetValue(subject, out var state) ? state.Last : 0;
            if (JsHeaders.ParseSequence(js.ExpectedLastSubjectSequence) != actual)
            {
                return StoreResult.Rejected(StoreErrors.WrongLastSequence(actual));
            }
        }

        if (!js.ExpectedLastSequence.IsEmpty && JsHeaders.ParseSequence(js.ExpectedLastSequence) != _last)
        {
            return StoreResult.Rejected(StoreErrors.WrongLastSequence(_last));
        }

        if (!js.ExpectedLastMsgId.IsEmpty && !Latin1Equals(js.ExpectedLastMsgId, _lastMsgId))
        {
            return StoreResult.Rejected(StoreErrors.WrongLastMsgId(_lastMsgId));
        }

        if (!js.Rollup.IsEmpty)
        {
            if (!config.AllowRollup || config.DenyPurge)
            {
                return StoreResult.Rejected(StoreErrors.RollupNotPermitted);
            }

            // Case-insensitive; any other value is dropped without an answer on 2.9.10.
            rollup = System.Text.Ascii.EqualsIgnoreCase(js.Rollup, "sub"u8) ? Rollup.Subject
                : System.Text.Ascii.EqualsIgnoreCase(js.Rollup, "all"u8) ? Rollup.All : Rollup.None;
            if (rollup == Rollup.None)
            {
                return StoreResult.Dropped;
            }
        }

        if (config.MaxMsgSize > 0 && headersLength + dataLength > config.MaxMsgSize)
        {
            return StoreResult.Rejected(StoreErrors.MessageSizeExceeded);
        }

        return headersLength > MaxHeadersLength ? StoreResult.Rejected(StoreErrors.HeaderSizeExceeded) : null;
    }

    // Check 9 (discard: new), as fileStore.storeRawMsg does it: at max_msgs_per_subject the oldest
    // of the subject is replaced (KV history) unless discard_new_per_subject; the bytes test
    // counts the new payload without record overhead and uses >= (the 2.9.10 quirk of §3.3).
    private ApiError? CheckDiscardNew(StreamConfig config, SubjectState? state, int size)
    {
        if (config.Discard != DiscardPolicy.New)
        {
            return null;
        }

        var replaces = false;
        if (config.MaxMsgsPerSubject > 0 && state is not null && state.Count >= config.MaxMsgsPerSubject)
        {
            if (config.DiscardNewPerSubject)
            {
                return StoreErrors.MaxMessagesPerSubject;
            }

            replaces = true;
        }

        if (config.MaxMsgs > 0 && _messages >= (ulong)config.MaxMsgs && !replaces)
        {
            return StoreErrors.MaxMessages;
        }

        if (config.MaxBytes > 0 && _bytes + (ulong)size >= (ulong)config.MaxBytes)
        {
            if (!replaces)
            {
                return StoreErrors.MaxBytes;
            }

            // Replacing frees the oldest of the subject: enough only if it is bigger (the memory
            // store also accepts an equal size).
            var freed = SizeOfSequence(state!.First);
            if (IsMemory ? freed < (ulong)size : freed <= (ulong)size)
            {
                return StoreErrors.MaxBytes;
            }
        }

        return null;
    }

    private ulong Append(string subject, SubjectState? state, ReadOnlyMemory<byte> headers, ReadOnlyMemory<byte> data, long timestamp)
    {
        var segment = OpenSegment();
        var sequence = ++_last;
        _lastTimestamp = timestamp;
        if (state is null)
        {
            state = new SubjectState(subject);
            _subjects.Add(subject, state);
        }

        var length = RecordCodec.MessageLength(subject.Length, headers.Length, data.Length);
        var record = Scratch(length);
        RecordCodec.WriteMessage(record, sequence, timestamp, state.Subject, headers.Span, data.Span);
        var locator = _storage.Append(segment.Id, record);
        var slot = segment.AddSlot(timestamp);
        segment.Hold(slot, state, checked((int)locator), length | (headers.IsEmpty ? 0 : SlotEntry.HeadersFlag));
        if (segment.Cache is { } cache)
        {
            cache[slot] = new StoredMessage(sequence, state.Subject, headers, data, timestamp);
        }

        state.Append(sequence);
        if (_messages == 0)
        {
            _first = sequence;
        }

        _messages++;
        _bytes += SizeOf(segment.Entries[slot]);
        SealIfFull(segment);
        return sequence;
    }

    /// Uses the next sequence without keeping a message (fileStore.SkipMsg): the stream's first
    /// sequence moves past it when nothing is held, first_ts becoming the skip's time.
    private ulong UseSequence(long timestamp)
    {
        var segment = OpenSegment();
        var sequence = ++_last;
        _lastTimestamp = timestamp;
        var record = Scratch(RecordCodec.SequenceLength);
        RecordCodec.WriteSequence(record, RecordKind.Sequence, sequence, timestamp);
        _storage.Append(segment.Id, record);
        segment.AddSlot(timestamp);
        if (_messages == 0)
        {
            _first = sequence + 1;
            _emptyFirstTimestamp = timestamp;
        }

        SealIfFull(segment);
        return sequence;
    }

    private static bool Latin1Equals(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    private enum Rollup
    {
        None,
        Subject,
        All,
    }
}
