using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Store;

/// Limits, discard modes, max_age, size accounting and account limits (spec/jetstream.md
/// §3.3–3.4, §9).
public sealed class LimitsTests
{
    [Fact]
    public async Task MaxMsgs_discard_old_evicts_oldest()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxMsgs = 3 });
        for (var i = 0; i < 5; i++)
        {
            h.Publish("s.a");
        }

        Assert.Equal((3ul, 3ul, 5ul), (h.Store.Messages, h.Store.FirstSequence, h.Store.LastSequence));
        Assert.Null(h.Store.Load(2));
    }

    [Fact]
    public async Task MaxMsgs_discard_new_rejects_10077()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxMsgs = 2, Discard = DiscardPolicy.New });
        h.Publish("s.a");
        h.Publish("s.b");
        Assert.Equal(new ApiError(503, 10077, "maximum messages exceeded"), h.Publish("s.c").Error);
        Assert.Equal(2ul, h.Store.Messages);
    }

    [Fact]
    public async Task Bytes_file_store_counts_record_overhead()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("d.a", "x");
        // Probed: 8 messages "x" on d.a held 272 bytes: 22 + 3 + 1 + 8 = 34 each.
        Assert.Equal(34ul, h.Store.Bytes);
        h.Store.Store("d.a", StoreHarness.Headers(("A", "b")), new byte[1]);
        Assert.Equal(34ul + 34 + 4 + 18, h.Store.Bytes);
    }

    [Fact]
    public async Task Bytes_memory_store_counts_subject_headers_payload_16()
    {
        await using var h = await StoreHarness.OpenAsync(memory: true);
        h.Store.Store("m.a", ReadOnlyMemory<byte>.Empty, new byte[200]);
        // Probed: memory stream, 200-byte payloads on m.a, 876 bytes for 4 = 219 each.
        Assert.Equal(219ul, h.Store.Bytes);
        h.Store.Store("m.a", StoreHarness.Headers(("A", "b")), new byte[1]);
        Assert.Equal(219ul + 3 + 18 + 1 + 16, h.Store.Bytes);
    }

    [Fact]
    public async Task MaxBytes_discard_old_evicts_until_within()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxBytes = 100 });
        for (var i = 0; i < 4; i++)
        {
            h.Publish("d.a", "x");
        }

        Assert.Equal((2ul, 68ul, 3ul), (h.Store.Messages, h.Store.Bytes, h.Store.FirstSequence));
    }

    [Fact]
    public async Task MaxBytes_discard_new_compares_payload_then_evicts()
    {
        // spec §3.3, the 2.9.10 quirk: with max_bytes 100, 30-byte payloads are always accepted
        // (older ones evicted) and 60-byte payloads are refused from the second one.
        var config = StoreHarness.Limits() with { MaxBytes = 100, Discard = DiscardPolicy.New };
        await using var h = await StoreHarness.OpenAsync(config);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(StoreOutcome.Stored, h.Publish("s.a", new string('p', 30)).Outcome);
        }

        Assert.Equal(1ul, h.Store.Messages);
        await using var big = await StoreHarness.OpenAsync(config);
        Assert.Equal(StoreOutcome.Stored, big.Publish("s.a", new string('p', 60)).Outcome);
        Assert.Equal(new ApiError(503, 10077, "maximum bytes exceeded"), big.Publish("s.a", new string('p', 60)).Error);
    }

    [Fact]
    public async Task MaxMsgsPerSubject_discard_old_keeps_newest_per_subject()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxMsgsPerSubject = 2 });
        foreach (var subject in new[] { "s.a", "s.b", "s.a", "s.a", "s.b", "s.a" })
        {
            h.Publish(subject);
        }

        Assert.Equal([2ul, 4ul, 5ul, 6ul], Held(h.Store));
        Assert.Equal(2ul, h.Store.CountMatching(0, "s.b"));
    }

    [Fact]
    public async Task MaxMsgsPerSubject_discard_new_replaces_oldest_even_at_max_msgs()
    {
        var config = StoreHarness.Limits() with { MaxMsgsPerSubject = 1, MaxMsgs = 2, Discard = DiscardPolicy.New };
        await using var h = await StoreHarness.OpenAsync(config);
        h.Publish("s.a");
        h.Publish("s.b");
        Assert.Equal(StoreResult.Stored(3), h.Publish("s.a"));
        Assert.Equal("maximum messages exceeded", h.Publish("s.c").Error!.Description);
        Assert.Equal([2ul, 3ul], Held(h.Store));
    }

    [Fact]
    public async Task DiscardNewPerSubject_rejects_at_subject_limit()
    {
        var config = StoreHarness.Limits() with { MaxMsgsPerSubject = 1, Discard = DiscardPolicy.New, DiscardNewPerSubject = true };
        await using var h = await StoreHarness.OpenAsync(config);
        h.Publish("s.a");
        Assert.Equal(new ApiError(503, 10077, "maximum messages per subject exceeded"), h.Publish("s.a").Error);
        Assert.Equal(StoreResult.Stored(2), h.Publish("s.b"));
    }

    [Fact]
    public async Task MaxAge_expire_removes_due_messages_and_reports_next()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxAgeNanos = 10_000_000_000 });
        Assert.Null(h.Store.NextExpiryNanos);
        var start = h.Clock.NowNanos;
        h.Publish("s.a");
        h.Clock.Advance(TimeSpan.FromSeconds(4));
        h.Publish("s.a");
        Assert.Equal(start + 10_000_000_000, h.Store.NextExpiryNanos);
        Assert.Equal(0, h.Store.Expire(start + 9_999_999_999));
        Assert.Equal(1, h.Store.Expire(start + 10_000_000_000));
        Assert.Equal(start + 14_000_000_000, h.Store.NextExpiryNanos);
        Assert.Equal(1, h.Store.Expire(start + 20_000_000_000));
        Assert.Null(h.Store.NextExpiryNanos);
        Assert.Equal((0ul, 3ul), (h.Store.Messages, h.Store.FirstSequence));
    }

    [Fact]
    public async Task MaxAge_applied_when_reopened_late()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxAgeNanos = 1_000_000_000 });
        h.Publish("s.a");
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        await h.ReopenAsync();
        Assert.Equal(0ul, h.Store.Messages);
        Assert.Equal(1ul, h.Store.LastSequence);
    }

    [Fact]
    public async Task UpdateConfig_lowered_limits_apply_at_once()
    {
        await using var h = await StoreHarness.OpenAsync();
        foreach (var subject in new[] { "s.a", "s.a", "s.a", "s.b", "s.b" })
        {
            h.Publish(subject);
        }

        h.Store.UpdateConfig(StoreHarness.Limits() with { MaxMsgsPerSubject = 1 });
        Assert.Equal([3ul, 5ul], Held(h.Store));
        h.Store.UpdateConfig(StoreHarness.Limits() with { MaxMsgsPerSubject = 1, MaxMsgs = 1 });
        Assert.Equal([5ul], Held(h.Store));
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        h.Store.UpdateConfig(StoreHarness.Limits() with { MaxAgeNanos = 60_000_000_000 });
        Assert.Empty(Held(h.Store));
    }

    [Fact]
    public async Task AccountLimit_exceeded_removes_message_and_uses_sequence()
    {
        await using var h = await StoreHarness.OpenAsync();
        // The account allows 200 bytes (probed with max_file: 200 and 53-byte records: three stored,
        // then 400/10002 for each, last_seq advancing and the sequences listed as deleted).
        h.Store.AccountLimitExceeded = bytes => bytes > 200;
        for (var i = 0; i < 5; i++)
        {
            h.Publish("l.a", new string('x', 20));
        }

        var result = h.Publish("l.a", new string('x', 20));
        Assert.Equal(new ApiError(400, 10002, "resource limits exceeded for account"), result.Error);
        var state = h.Store.GetState(deletedDetails: true);
        Assert.Equal((3ul, 159ul, 6ul), (state.Messages, state.Bytes, state.LastSequence));
        Assert.Equal([4ul, 5ul, 6ul], state.Deleted);
    }

    [Fact]
    public async Task FirstTimestamp_after_removals_1970_on_file_zero_time_on_memory()
    {
        await using var file = await StoreHarness.OpenAsync();
        file.Publish("s.a");
        Assert.True(file.Store.Remove(1));
        Assert.Equal((2ul, 1ul), (file.Store.GetState().FirstSequence, file.Store.GetState().LastSequence));
        Assert.Equal(0L, file.Store.GetState().FirstTimestampNanos);

        await using var memory = await StoreHarness.OpenAsync(memory: true);
        memory.Publish("s.a");
        memory.Store.Remove(1);
        Assert.Null(memory.Store.GetState().FirstTimestampNanos);
    }

    [Fact]
    public async Task State_of_new_stream_is_zero()
    {
        await using var h = await StoreHarness.OpenAsync();
        Assert.Equal(new StoreState(0, 0, 0, null, 0, null, 0, 0, null), h.Store.GetState());
    }

    internal static ulong[] Held(MessageStore store)
    {
        var held = new List<ulong>();
        for (var sequence = store.NextMatching(0, null); sequence != 0; sequence = store.NextMatching(sequence + 1, null))
        {
            held.Add(sequence);
        }

        return [.. held];
    }
}
