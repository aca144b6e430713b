using System.Text;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Store;

/// A KV bucket as NATS.Net 3.3.2 drives it (spec/jetstream.md §7.1): history by
/// max_msgs_per_subject with discard new, create/update by expected subject sequence, delete and
/// purge markers, and disk use bounded by compaction under endless updates.
public sealed class KeyValueTests
{
    private static StreamConfig Bucket(int history) => StoreHarness.Limits("KV_cfg") with
    {
        Subjects = ["$KV.cfg.>"],
        MaxMsgsPerSubject = history,
        Discard = DiscardPolicy.New,
        DenyDelete = true,
        AllowRollup = true,
        AllowDirect = true,
    };

    [Fact]
    public async Task Put_history_keeps_newest_revisions_per_key()
    {
        await using var h = await StoreHarness.OpenAsync(Bucket(history: 3));
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(StoreResult.Stored((ulong)i), h.Publish("$KV.cfg.a.b", "v" + i));
        }

        h.Publish("$KV.cfg.c", "other");
        Assert.Equal("v5", Encoding.ASCII.GetString(h.Store.LoadLast("$KV.cfg.a.b")!.Data.Span));
        // Get(rev) asks for next_by_subj from the revision; History walks the key's revisions.
        Assert.Equal(3ul, h.Store.LoadNext("$KV.cfg.a.b", 1)!.Sequence);
        Assert.Null(h.Store.LoadNext("$KV.cfg.a.b", 7));
        Assert.Equal(3ul, h.Store.CountMatching(0, "$KV.cfg.a.b"));
        Assert.Equal([5ul, 6ul], h.Store.LastPerSubject("$KV.cfg.>"));
    }

    [Fact]
    public async Task Create_then_update_by_expected_subject_sequence()
    {
        await using var h = await StoreHarness.OpenAsync(Bucket(history: 1));
        Assert.Equal(StoreResult.Stored(1), h.Publish("$KV.cfg.k", "v1", ("Nats-Expected-Last-Subject-Sequence", "0")));
        Assert.Equal("wrong last sequence: 1", h.Publish("$KV.cfg.k", "v2", ("Nats-Expected-Last-Subject-Sequence", "0")).Error!.Description);
        Assert.Equal(StoreResult.Stored(2), h.Publish("$KV.cfg.k", "v2", ("Nats-Expected-Last-Subject-Sequence", "1")));
        Assert.Equal(10071, h.Publish("$KV.cfg.k", "v3", ("Nats-Expected-Last-Subject-Sequence", "1")).Error!.ErrCode);
        Assert.Equal([2ul], LimitsTests.Held(h.Store));
    }

    [Fact]
    public async Task Delete_marker_then_create_at_marker_revision()
    {
        await using var h = await StoreHarness.OpenAsync(Bucket(history: 5));
        h.Publish("$KV.cfg.k", "v1");
        Assert.Equal(StoreResult.Stored(2), h.Publish("$KV.cfg.k", "", ("KV-Operation", "DEL")));
        var marker = h.Store.LoadLast("$KV.cfg.k")!;
        Assert.Contains("KV-Operation: DEL", Encoding.ASCII.GetString(marker.Headers.Span), StringComparison.Ordinal);
        // NATS.Net's Create retries with the marker's revision after 10071.
        Assert.Equal(StoreResult.Stored(3), h.Publish("$KV.cfg.k", "v2", ("Nats-Expected-Last-Subject-Sequence", "2")));
    }

    [Fact]
    public async Task Purge_marker_rolls_up_key_history()
    {
        await using var h = await StoreHarness.OpenAsync(Bucket(history: 5));
        h.Publish("$KV.cfg.k", "v1");
        h.Publish("$KV.cfg.other", "o");
        h.Publish("$KV.cfg.k", "v2");
        Assert.Equal(StoreResult.Stored(4), h.Publish("$KV.cfg.k", "", ("KV-Operation", "PURGE"), ("Nats-Rollup", "sub")));
        Assert.Equal([2ul, 4ul], LimitsTests.Held(h.Store));
        Assert.Equal(new Dictionary<string, ulong> { ["$KV.cfg.k"] = 1, ["$KV.cfg.other"] = 1 }, h.Store.SubjectCounts("$KV.cfg.>"));
    }

    [Fact]
    public async Task Keys_watch_counts_last_per_subject()
    {
        await using var h = await StoreHarness.OpenAsync(Bucket(history: 2));
        foreach (var key in new[] { "a", "b.x", "a", "c", "b.x", "b.y" })
        {
            h.Publish("$KV.cfg." + key);
        }

        Assert.Equal([3ul, 4ul, 5ul, 6ul], h.Store.LastPerSubject("$KV.cfg.>"));
        Assert.Equal([5ul, 6ul], h.Store.LastPerSubject("$KV.cfg.b.*"));
        Assert.Equal(4, h.Store.NumSubjects);
    }

    [Fact]
    public async Task Compaction_bounds_disk_use_under_endless_updates()
    {
        var options = new MessageStoreOptions { SegmentBytes = 4096 };
        var compacted = await RunUpdatesAsync(options, compact: true);
        Assert.True(compacted.Rewritten > 0, "compaction never ran");
        Assert.True(compacted.WorstExcess <= 0, $"disk exceeded 2 x held bytes + 3 segments by {compacted.WorstExcess} bytes");

        // Compacted segments index their held messages only: memory follows what is kept.
        Assert.True(compacted.IndexedSlots <= 300 + 128, $"{compacted.IndexedSlots} index slots for 300 messages");

        // Without compaction the same updates break that bound: the check above can fail.
        var control = await RunUpdatesAsync(options, compact: false);
        Assert.True(control.WorstExcess > 0, "the control run stayed within the bound without compaction");
        Assert.True(control.IndexedSlots > 300 + 128, "the control run indexed few slots without compaction");
    }

    // 60 hot keys updated round robin, 240 cold keys each rewritten every ~1,700 updates: old
    // segments keep a few live cold revisions among many dead hot ones, forever.
    private static async Task<(long WorstExcess, int Rewritten, long IndexedSlots)> RunUpdatesAsync(MessageStoreOptions options, bool compact)
    {
        await using var h = await StoreHarness.OpenAsync(Bucket(history: 1), options);
        var payload = new string('v', 32);
        long worst = long.MinValue;
        var rewritten = 0;
        for (var i = 0; i < 24_000; i++)
        {
            var key = i % 7 == 0 ? "cold." + (i / 7 % 240) : "hot." + (i % 60);
            Assert.Equal(StoreOutcome.Stored, h.Publish("$KV.cfg." + key, payload).Outcome);
            if (i % 250 == 249)
            {
                await h.Store.FlushAsync(fsync: false);
                while (compact && h.Store.CompactionDue)
                {
                    rewritten += await h.Store.CompactAsync();
                }

                if (i > 2_000)
                {
                    worst = Math.Max(worst, h.DiskBytes() - ((2 * (long)h.Store.Bytes) + (3 * options.SegmentBytes)));
                }
            }
        }

        Assert.Equal(300ul, h.Store.Messages);
        var slots = h.Store.IndexedSlots;
        await h.ReopenAsync();
        Assert.Equal((300ul, slots), (h.Store.Messages, h.Store.IndexedSlots));
        Assert.Equal(payload, Encoding.ASCII.GetString(h.Store.LoadLast("$KV.cfg.cold.0")!.Data.Span));
        return (worst, rewritten, slots);
    }
}
