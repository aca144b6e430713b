using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Store;

/// STREAM.PURGE and STREAM.MSG.DELETE (spec/jetstream.md §2.4, §2.6); expected answers were
/// probed on nats-server 2.9.10 with file storage.
public sealed class PurgeDeleteTests
{
    [Fact]
    public async Task Delete_errors_match_server()
    {
        await using var h = await StoreHarness.OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            h.Publish("d.a");
        }

        Assert.Equal(new ApiError(500, 10057, "no message found"), h.Store.Delete(0, erase: true));
        Assert.Null(h.Store.Delete(1, erase: true));
        Assert.Equal(new ApiError(500, 10057, "no message found"), h.Store.Delete(1, erase: true));
        Assert.Null(h.Store.Delete(5, erase: false));
        Assert.Equal(new ApiError(400, 10043, "sequence 5 not found"), h.Store.Delete(5, erase: false));
        Assert.Equal(new ApiError(500, 10057, "stream store EOF"), h.Store.Delete(11, erase: false));
        var state = h.Store.GetState(deletedDetails: true);
        Assert.Equal((8ul, 272ul, 2ul, 10ul, 1ul), (state.Messages, state.Bytes, state.FirstSequence, state.LastSequence, state.NumDeleted));
        Assert.Equal([5ul], state.Deleted);
    }

    [Fact]
    public async Task Delete_memory_store_answers_10043()
    {
        await using var h = await StoreHarness.OpenAsync(memory: true);
        h.Publish("d.a");
        Assert.Equal("sequence 7 not found", h.Store.Delete(7, erase: false)!.Description);
    }

    [Fact]
    public async Task Delete_denied_and_sealed()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { DenyDelete = true });
        h.Publish("d.a");
        Assert.Equal(new ApiError(500, 10057, "message delete not permitted"), h.Store.Delete(1, erase: false));
        h.Store.UpdateConfig(StoreHarness.Limits() with { Sealed = true, DenyDelete = true, DenyPurge = true });
        Assert.Equal(10109, h.Store.Delete(1, erase: false)!.ErrCode);
        Assert.Equal(1ul, h.Store.Messages);
    }

    [Fact]
    public async Task Delete_erase_overwrites_record_on_disk()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("d.a", "secret-payload");
        h.Publish("d.a", "other");
        await h.Store.FlushAsync(fsync: false);
        Assert.Null(h.Store.Delete(1, erase: true));
        await h.Store.FlushAsync(fsync: false);
        var bytes = File.ReadAllBytes(Assert.Single(h.SegmentFiles()));
        Assert.DoesNotContain("secret-payload", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        await h.ReopenAsync();
        Assert.Null(h.Store.Load(1));
        Assert.Equal("other", System.Text.Encoding.ASCII.GetString(h.Store.Load(2)!.Data.Span));
    }

    [Fact]
    public async Task Purge_all_keeps_last_sequence()
    {
        await using var h = await StoreHarness.OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            h.Publish("p.a");
        }

        Assert.Equal(new PurgeResult(10, null), h.Store.Purge());
        var state = h.Store.GetState();
        Assert.Equal((0ul, 11ul, 10ul, 0), (state.Messages, state.FirstSequence, state.LastSequence, state.NumSubjects));
        Assert.Null(state.FirstTimestampNanos);
        Assert.NotNull(state.LastTimestampNanos);
        Assert.Equal(StoreResult.Stored(11), h.Publish("p.a"));
    }

    [Fact]
    public async Task Purge_sequence_past_end_moves_last_sequence()
    {
        await using var h = await StoreHarness.OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            h.Publish("p.a");
        }

        h.Store.Delete(1, erase: false);
        h.Store.Delete(5, erase: false);
        // Probed: {"seq":20} purged 8, then first_seq 20, last_seq 19; the next publish is 20.
        Assert.Equal(new PurgeResult(8, null), h.Store.Purge(sequence: 20));
        Assert.Equal((20ul, 19ul), (h.Store.FirstSequence, h.Store.LastSequence));
        Assert.Equal(new ApiError(500, 10057, "no message found"), h.Store.Delete(3, erase: false));
        Assert.Equal(StoreResult.Stored(20), h.Publish("p.a"));
    }

    [Fact]
    public async Task Purge_sequence_removes_below()
    {
        await using var h = await StoreHarness.OpenAsync();
        for (var i = 0; i < 6; i++)
        {
            h.Publish("p.a");
        }

        Assert.Equal(new PurgeResult(3, null), h.Store.Purge(sequence: 4));
        Assert.Equal([4ul, 5ul, 6ul], LimitsTests.Held(h.Store));
    }

    [Fact]
    public async Task Purge_keep_without_filter_counts_from_last_sequence()
    {
        await using var h = await StoreHarness.OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            h.Publish(i % 2 == 0 ? "p.a" : "p.b");
        }

        h.Store.Delete(9, erase: false);
        // Probed: keep 2 with 9 deleted purged 8 and left only 10 (below last - keep + 1 goes).
        Assert.Equal(new PurgeResult(8, null), h.Store.Purge(keep: 2));
        Assert.Equal([10ul], LimitsTests.Held(h.Store));
        Assert.Equal(new PurgeResult(0, null), h.Store.Purge(keep: 5));
    }

    [Fact]
    public async Task Purge_filter_keep_and_filter_sequence()
    {
        await using var h = await StoreHarness.OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            h.Publish(i % 2 == 0 ? "q.a" : "q.b");
        }

        // Probed: filter q.a keep 1 purged 4; then filter q.b seq 6 purged 2 (2 and 4).
        Assert.Equal(new PurgeResult(4, null), h.Store.Purge("q.a", keep: 1));
        Assert.Equal(new PurgeResult(2, null), h.Store.Purge("q.b", sequence: 6));
        var state = h.Store.GetState(deletedDetails: true);
        Assert.Equal((4ul, 6ul, 10ul), (state.Messages, state.FirstSequence, state.LastSequence));
        Assert.Equal([7ul], state.Deleted);
        // `>` is no filter: keep 1 keeps the last sequence only.
        Assert.Equal(new PurgeResult(3, null), h.Store.Purge(">", keep: 1));
        Assert.Equal([10ul], LimitsTests.Held(h.Store));
    }

    [Fact]
    public async Task Purge_wildcard_filter_keep_goes_oldest_first_across_subjects()
    {
        await using var h = await StoreHarness.OpenAsync();
        foreach (var subject in new[] { "q.a.1", "q.b.1", "q.a.2", "q.c", "q.b.2" })
        {
            h.Publish(subject);
        }

        Assert.Equal(new PurgeResult(2, null), h.Store.Purge("q.*.*", keep: 2));
        Assert.Equal([3ul, 4ul, 5ul], LimitsTests.Held(h.Store));
    }

    [Fact]
    public async Task Purge_refusals_in_server_order()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { DenyPurge = true });
        h.Publish("p.a");
        Assert.Equal(new PurgeResult(0, new ApiError(400, 10003, "bad request")), h.Store.Purge(sequence: 1, keep: 1));
        Assert.Equal(new ApiError(500, 10110, "stream purge not permitted"), h.Store.Purge().Error);
        h.Store.UpdateConfig(StoreHarness.Limits() with { Sealed = true, DenyPurge = true, DenyDelete = true });
        Assert.Equal(10109, h.Store.Purge().Error!.ErrCode);
        Assert.Equal(1ul, h.Store.Messages);
    }

    [Fact]
    public async Task Rollup_sub_keeps_new_message_of_subject_only()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { AllowRollup = true });
        foreach (var subject in new[] { "r.a", "r.b", "r.a", "r.c" })
        {
            h.Publish(subject);
        }

        // Probed: seq 5 stored, then messages 3 (2, 4, 5), deleted [3].
        Assert.Equal(StoreResult.Stored(5), h.Publish("r.a", "y", ("Nats-Rollup", "sub")));
        Assert.Equal([2ul, 4ul, 5ul], LimitsTests.Held(h.Store));
        Assert.Equal(StoreResult.Stored(6), h.Publish("r.a", "y", ("Nats-Rollup", "SUB")));
        Assert.Equal([2ul, 4ul, 6ul], LimitsTests.Held(h.Store));
    }

    [Fact]
    public async Task Rollup_all_keeps_new_message_only()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { AllowRollup = true });
        foreach (var subject in new[] { "r.a", "r.b", "r.c" })
        {
            h.Publish(subject);
        }

        Assert.Equal(StoreResult.Stored(4), h.Publish("r.b", "y", ("Nats-Rollup", "all")));
        var state = h.Store.GetState();
        Assert.Equal((1ul, 4ul, 4ul, 1), (state.Messages, state.FirstSequence, state.LastSequence, state.NumSubjects));
    }

    [Fact]
    public async Task Stream_deleted_before_its_first_fsync_closes_without_touching_its_directory()
    {
        // STREAM.DELETE right after a publish: the directory was created by the first write but
        // not fsynced yet. Closing the deleted store used to fsync that missing directory and
        // throw (ENOENT), so the delete was never answered.
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("d.a");
        await h.Store.FlushAsync(fsync: false);
        Assert.True(Directory.Exists(h.Directory));

        await h.Store.DeleteAsync();
        await h.Store.DisposeAsync();
        Assert.False(Directory.Exists(h.Directory));
    }
}
