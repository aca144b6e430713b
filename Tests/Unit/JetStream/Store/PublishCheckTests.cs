using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Store;

/// The checks of spec/jetstream.md §3.2 and their order. Answers were probed on nats-server
/// 2.9.10 (raw protocol, file storage) and are quoted in the assertions.
public sealed class PublishCheckTests
{
    [Fact]
    public async Task Store_plain_publish_assigns_sequences_from_one()
    {
        await using var h = await StoreHarness.OpenAsync();
        Assert.Equal(StoreResult.Stored(1), h.Publish("s.a"));
        Assert.Equal(StoreResult.Stored(2), h.Publish("s.b"));
        Assert.Equal(1ul, h.Store.FirstSequence);
        Assert.Equal(2ul, h.Store.LastSequence);
        Assert.Equal("s.b", h.Store.Load(2)!.Subject);
    }

    [Fact]
    public async Task ExpectedStream_other_name_rejected_10060_before_dedupe()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("s.a", "x", ("Nats-Msg-Id", "m1"));
        // Probed: a known msg id with a wrong expected stream got 10060, not the duplicate ack.
        var result = h.Publish("s.a", "x", ("Nats-Expected-Stream", "F"), ("Nats-Msg-Id", "m1"));
        Assert.Equal(new ApiError(400, 10060, "expected stream does not match"), result.Error);
        Assert.Equal(StoreResult.Stored(2), h.Publish("s.a", "x", ("Nats-Expected-Stream", "S")));
    }

    [Fact]
    public async Task MsgId_within_window_duplicate_with_original_sequence()
    {
        await using var h = await StoreHarness.OpenAsync();
        Assert.Equal(StoreResult.Stored(1), h.Publish("s.a", "x", ("Nats-Msg-Id", "m1")));
        Assert.Equal(StoreResult.Duplicate(1), h.Publish("s.a", "y", ("Nats-Msg-Id", "m1")));
        Assert.Equal(1ul, h.Store.Messages);
    }

    [Fact]
    public async Task MsgId_duplicate_wins_over_every_later_check()
    {
        // 29 header bytes + 1 payload byte fit; the duplicate below is far bigger.
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxMsgSize = 30 });
        Assert.Equal(StoreResult.Stored(1), h.Publish("s.a", "x", ("Nats-Msg-Id", "m1")));
        // Probed: `Nats-Msg-Id: m1` + `Nats-Expected-Last-Sequence: 999` → {"seq":3,"duplicate": true}.
        var result = h.Publish("s.a", "far too long", ("Nats-Msg-Id", "m1"), ("Nats-Expected-Last-Sequence", "999"),
            ("Nats-Expected-Last-Subject-Sequence", "7"), ("Nats-Expected-Last-Msg-Id", "zz"), ("Nats-Rollup", "all"));
        Assert.Equal(StoreResult.Duplicate(1), result);
    }

    [Fact]
    public async Task MsgId_after_window_stores_again()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { DuplicateWindowNanos = 1_000_000_000 });
        h.Publish("s.a", "x", ("Nats-Msg-Id", "m1"));
        h.Clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(StoreOutcome.Duplicate, h.Publish("s.a", "x", ("Nats-Msg-Id", "m1")).Outcome);
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(StoreResult.Stored(2), h.Publish("s.a", "x", ("Nats-Msg-Id", "m1")));
        Assert.Equal(StoreResult.Duplicate(2), h.Publish("s.a", "x", ("Nats-Msg-Id", "m1")));
    }

    [Fact]
    public async Task HeaderNames_case_sensitive_and_whole_line_only()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("s.a", "x", ("Nats-Msg-Id", "m1"));
        Assert.Equal(StoreResult.Stored(2), h.Publish("s.a", "x", ("nats-msg-id", "m1")));
        // Probed: the first occurrence of the name inside X-Nats-Msg-Id hides the real header.
        Assert.Equal(StoreResult.Stored(3), h.Publish("s.a", "x", ("X-Nats-Msg-Id", "m1"), ("Nats-Msg-Id", "m1")));
    }

    [Fact]
    public async Task ExpectedLastSubjectSequence_mismatch_10071_with_actual()
    {
        await using var h = await StoreHarness.OpenAsync();
        Assert.Equal(StoreResult.Stored(1), h.Publish("s.a", "x", ("Nats-Expected-Last-Subject-Sequence", "0")));
        h.Publish("s.b");
        var result = h.Publish("s.a", "x", ("Nats-Expected-Last-Subject-Sequence", "2"));
        Assert.Equal(new ApiError(400, 10071, "wrong last sequence: 1"), result.Error);
        Assert.Equal(StoreResult.Stored(3), h.Publish("s.a", "x", ("Nats-Expected-Last-Subject-Sequence", "1")));
        // Probed: an unknown subject compares with 0 ("wrong last sequence: 0").
        Assert.Equal("wrong last sequence: 0", h.Publish("s.c", "x", ("Nats-Expected-Last-Subject-Sequence", "5")).Error!.Description);
    }

    [Fact]
    public async Task ExpectedLastSequence_non_numeric_never_matches()
    {
        await using var h = await StoreHarness.OpenAsync();
        // Probed on an empty stream: `abc` → "wrong last sequence: 0", `0` → stored as seq 1.
        Assert.Equal("wrong last sequence: 0", h.Publish("s.a", "x", ("Nats-Expected-Last-Sequence", "abc")).Error!.Description);
        Assert.Equal(StoreResult.Stored(1), h.Publish("s.a", "x", ("Nats-Expected-Last-Sequence", "0")));
        Assert.Equal(new ApiError(400, 10071, "wrong last sequence: 1"), h.Publish("s.a", "x", ("Nats-Expected-Last-Sequence", "5")).Error);
        Assert.Equal(StoreResult.Stored(2), h.Publish("s.a", "x", ("Nats-Expected-Last-Sequence", "1")));
    }

    [Fact]
    public async Task ExpectedLastSubjectSequence_checked_before_ExpectedLastSequence()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("s.a");
        h.Publish("s.b");
        var result = h.Publish("s.a", "x", ("Nats-Expected-Last-Sequence", "9"), ("Nats-Expected-Last-Subject-Sequence", "9"));
        Assert.Equal("wrong last sequence: 1", result.Error!.Description);
    }

    [Fact]
    public async Task ExpectedLastMsgId_compares_with_last_stored_message()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("s.a");
        // Probed: the last message had no id → "wrong last msg ID: " (empty).
        Assert.Equal(new ApiError(400, 10070, "wrong last msg ID: "), h.Publish("s.a", "x", ("Nats-Expected-Last-Msg-Id", "zz")).Error);
        h.Publish("s.a", "x", ("Nats-Msg-Id", "m1"));
        h.Publish("s.a", "x", ("Nats-Msg-Id", "m1"));
        // A duplicate does not change the last id.
        Assert.Equal("wrong last msg ID: m1", h.Publish("s.a", "x", ("Nats-Expected-Last-Msg-Id", "zz")).Error!.Description);
        Assert.Equal(StoreResult.Stored(3), h.Publish("s.a", "x", ("Nats-Expected-Last-Msg-Id", "m1")));
    }

    [Fact]
    public async Task ExpectedLastSequence_checked_before_ExpectedLastMsgId()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("s.a");
        var result = h.Publish("s.a", "x", ("Nats-Expected-Last-Msg-Id", "zz"), ("Nats-Expected-Last-Sequence", "7"));
        Assert.Equal(10071, result.Error!.ErrCode);
    }

    [Fact]
    public async Task ExpectedLastMsgId_checked_before_rollup()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("s.a");
        var result = h.Publish("s.a", "x", ("Nats-Rollup", "sub"), ("Nats-Expected-Last-Msg-Id", "zz"));
        Assert.Equal(10070, result.Error!.ErrCode);
    }

    [Fact]
    public async Task MaxMsgSize_checked_before_discard_new_limits()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxMsgs = 1, MaxMsgSize = 4, Discard = DiscardPolicy.New });
        h.Publish("s.a");
        Assert.Equal(10054, h.Publish("s.a", "too long").Error!.ErrCode);
        Assert.Equal("maximum messages exceeded", h.Publish("s.a", "ok").Error!.Description);
    }

    [Fact]
    public async Task DiscardNew_checked_before_account_limit()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxMsgs = 1, Discard = DiscardPolicy.New });
        h.Publish("s.a");
        h.Store.AccountLimitExceeded = _ => true;
        Assert.Equal(10077, h.Publish("s.a").Error!.ErrCode);
        Assert.Equal(1ul, h.Store.LastSequence);
    }

    [Fact]
    public async Task Rollup_without_permission_rejected_10111()
    {
        await using var h = await StoreHarness.OpenAsync();
        Assert.Equal(new ApiError(500, 10111, "rollup not permitted"), h.Publish("s.a", "x", ("Nats-Rollup", "sub")).Error);
        var denyPurge = StoreHarness.Limits() with { AllowRollup = true, DenyPurge = true };
        h.Store.UpdateConfig(denyPurge);
        Assert.Equal(10111, h.Publish("s.a", "x", ("Nats-Rollup", "all")).Error!.ErrCode);
        Assert.Equal(0ul, h.Store.Messages);
    }

    [Fact]
    public async Task Rollup_unknown_value_dropped_silently()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { AllowRollup = true });
        h.Publish("s.a");
        Assert.Equal(StoreResult.Dropped, h.Publish("s.a", "x", ("Nats-Rollup", "bogus")));
        Assert.Equal(1ul, h.Store.LastSequence);
    }

    [Fact]
    public async Task Rollup_checked_before_max_msg_size()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxMsgSize = 2 });
        Assert.Equal(10111, h.Publish("s.a", "long", ("Nats-Rollup", "sub")).Error!.ErrCode);
    }

    [Fact]
    public async Task MaxMsgSize_counts_headers_10054()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxMsgSize = 40 });
        var headers = StoreHarness.Headers(("A", "b"));
        Assert.Equal(18, headers.Length);
        Assert.Equal(StoreOutcome.Stored, h.Store.Store("s.a", headers, new byte[22]).Outcome);
        var result = h.Store.Store("s.a", headers, new byte[23]);
        Assert.Equal(new ApiError(400, 10054, "message size exceeds maximum allowed"), result.Error);
        Assert.Equal(1ul, h.Store.LastSequence);
    }

    [Fact]
    public async Task Headers_over_64k_rejected_10097()
    {
        await using var h = await StoreHarness.OpenAsync();
        var headers = StoreHarness.Headers(("Big", new string('v', 70_000)));
        Assert.Equal(10097, h.Store.Store("s.a", headers, ReadOnlyMemory<byte>.Empty).Error!.ErrCode);
    }

    [Fact]
    public async Task Sealed_stream_rejects_before_any_check_10109()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("s.a", "x", ("Nats-Msg-Id", "m1"));
        h.Store.UpdateConfig(StoreHarness.Limits() with { Sealed = true, Discard = DiscardPolicy.New, DenyDelete = true, DenyPurge = true });
        Assert.Equal(new ApiError(400, 10109, "invalid operation on sealed stream"), h.Publish("s.a", "x", ("Nats-Msg-Id", "m1")).Error);
    }

    [Fact]
    public async Task Rejected_publish_uses_no_sequence()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxMsgs = 1, Discard = DiscardPolicy.New });
        h.Publish("s.a");
        Assert.Equal(StoreOutcome.Rejected, h.Publish("s.a").Outcome);
        Assert.Equal(StoreOutcome.Rejected, h.Publish("s.a", "x", ("Nats-Expected-Last-Sequence", "5")).Outcome);
        Assert.Equal(1ul, h.Store.LastSequence);
    }

    [Fact]
    public async Task Interest_without_interest_acked_not_kept()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { Retention = RetentionPolicy.Interest });
        var result = h.Store.Store("s.a", ReadOnlyMemory<byte>.Empty, new byte[1], hasInterest: false);
        Assert.Equal(StoreResult.NotKept(1), result);
        // Probed: messages 0, first_seq 2, last_seq 1, first_ts = the publish time.
        var state = h.Store.GetState();
        Assert.Equal((0ul, 2ul, 1ul), (state.Messages, state.FirstSequence, state.LastSequence));
        Assert.Equal(h.Clock.NowNanos, state.FirstTimestampNanos);
        Assert.Null(h.Store.Load(1));
        Assert.Equal(StoreResult.Stored(2), h.Store.Store("s.a", ReadOnlyMemory<byte>.Empty, new byte[1], hasInterest: true));
    }

    [Fact]
    public async Task Interest_duplicate_of_not_kept_acked_with_sequence_zero()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { Retention = RetentionPolicy.Interest });
        var headers = StoreHarness.Headers(("Nats-Msg-Id", "q"));
        Assert.Equal(StoreResult.NotKept(1), h.Store.Store("s.a", headers, new byte[1], hasInterest: false));
        // Probed: {"stream":"I", "seq":0,"duplicate": true}.
        Assert.Equal(StoreResult.Duplicate(0), h.Store.Store("s.a", headers, new byte[1], hasInterest: false));
    }

    [Fact]
    public async Task Limits_retention_ignores_interest_flag()
    {
        await using var h = await StoreHarness.OpenAsync();
        Assert.Equal(StoreResult.Stored(1), h.Store.Store("s.a", ReadOnlyMemory<byte>.Empty, new byte[1], hasInterest: false));
    }
}
