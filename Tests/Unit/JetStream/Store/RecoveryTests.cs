using System.Text;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Store;

/// Reopening a file stream: the same state, no sequence reused, torn tails and damaged records.
public sealed class RecoveryTests
{
    private static readonly MessageStoreOptions SmallSegments = new() { SegmentBytes = 512 };

    [Fact]
    public async Task Reopen_state_and_messages_identical()
    {
        var config = StoreHarness.Limits() with { Retention = RetentionPolicy.Interest, MaxMsgsPerSubject = 3 };
        await using var h = await StoreHarness.OpenAsync(config, SmallSegments);
        for (var i = 0; i <= 60; i++)
        {
            var headers = i % 3 == 0 ? StoreHarness.Headers(("Nats-Msg-Id", "id" + i)) : [];
            h.Store.Store("s." + (i % 7), headers, Encoding.ASCII.GetBytes("payload " + i), hasInterest: i % 11 != 0);
            h.Clock.Advance(TimeSpan.FromMilliseconds(3));
        }

        h.Store.Remove(45);
        h.Store.Delete(50, erase: true);
        h.Store.Purge("s.2", keep: 1);
        var before = Snapshot(h.Store);
        await h.Store.FlushAsync(fsync: false);
        Assert.True(h.SegmentFiles().Length > 2);

        await h.ReopenAsync();
        Assert.Equal(before, Snapshot(h.Store));
        Assert.Empty(h.Store.Damage);
        // Dedupe and the last msg id come back from the messages within the window.
        Assert.Equal(StoreResult.Duplicate(58), h.Store.Store("s.x", StoreHarness.Headers(("Nats-Msg-Id", "id57")), new byte[1]));
        Assert.Equal("wrong last msg ID: id60", h.Publish("s.x", "x", ("Nats-Expected-Last-Msg-Id", "zz")).Error!.Description);
    }

    [Fact]
    public async Task PurgeAll_then_reopen_sequence_not_reused()
    {
        await using var h = await StoreHarness.OpenAsync(options: SmallSegments);
        for (var i = 0; i < 40; i++)
        {
            h.Publish("p.a", "some payload");
        }

        h.Store.Purge();
        await h.ReopenAsync();
        Assert.Equal((0ul, 41ul, 40ul), (h.Store.Messages, h.Store.FirstSequence, h.Store.LastSequence));
        Assert.Single(h.SegmentFiles());
        Assert.Equal(StoreResult.Stored(41), h.Publish("p.a"));
    }

    [Fact]
    public async Task Removals_emptying_stream_then_reopen_sequence_not_reused()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { Retention = RetentionPolicy.WorkQueue }, SmallSegments);
        for (var i = 1; i <= 30; i++)
        {
            h.Publish("w.a", "work item");
        }

        for (var i = 1ul; i <= 30; i++)
        {
            Assert.True(h.Store.Remove(i));
        }

        await h.Store.FlushAsync(fsync: true);
        Assert.Single(h.SegmentFiles());
        await h.ReopenAsync();
        Assert.Equal((0ul, 31ul, 30ul), (h.Store.Messages, h.Store.FirstSequence, h.Store.LastSequence));
        Assert.Equal(StoreResult.Stored(31), h.Publish("w.a"));
    }

    [Fact]
    public async Task Purge_past_end_then_reopen_keeps_moved_sequence()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("p.a");
        h.Store.Purge(sequence: 100);
        await h.ReopenAsync();
        Assert.Equal(StoreResult.Stored(100), h.Publish("p.a"));
    }

    [Fact]
    public async Task Crash_loses_only_unflushed_messages()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("c.a", "one");
        h.Publish("c.a", "two");
        await h.Store.FlushAsync(fsync: false);
        h.Publish("c.a", "three");
        Assert.Equal("three", Encoding.ASCII.GetString(h.Store.Load(3)!.Data.Span));
        await h.CrashAndReopenAsync();
        Assert.Equal(2ul, h.Store.LastSequence);
        Assert.Equal("two", Encoding.ASCII.GetString(h.Store.Load(2)!.Data.Span));
    }

    [Fact]
    public async Task TornTail_at_every_offset_of_last_record_serves_nothing_past_last_whole_record()
    {
        await using var h = await StoreHarness.OpenAsync();
        for (var i = 1; i <= 4; i++)
        {
            h.Store.Store("t.a", StoreHarness.Headers(("Nats-Msg-Id", "m" + i)), Encoding.ASCII.GetBytes("payload-" + i));
        }

        await h.Store.FlushAsync(fsync: false);
        var path = Assert.Single(h.SegmentFiles());
        var before = new FileInfo(path).Length;
        h.Store.Store("t.a", StoreHarness.Headers(("Nats-Msg-Id", "m5")), Encoding.ASCII.GetBytes("payload-5"));
        await h.Store.FlushAsync(fsync: false);
        var whole = File.ReadAllBytes(path);
        Assert.True(whole.Length > before);

        for (var cut = before; cut < whole.Length; cut++)
        {
            var directory = Path.Combine(h.Directory, "cut" + cut);
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, Path.GetFileName(path)), whole.AsSpan(0, (int)cut).ToArray());
            var store = await MessageStore.OpenAsync(new FileStreamStorage(directory), h.Config, h.Clock);
            Assert.Equal(4ul, store.LastSequence);
            Assert.Null(store.Load(5));
            Assert.Equal("payload-4", Encoding.ASCII.GetString(store.Load(4)!.Data.Span));
            Assert.Equal(cut > before, store.Damage.Count == 1 && store.Damage[0].TornTail);
            Assert.Equal(before, new FileInfo(Path.Combine(directory, Path.GetFileName(path))).Length);

            // Appends follow the intact data: the next message is whole after another reopen.
            Assert.Equal(StoreResult.Stored(5), store.Store("t.a", ReadOnlyMemory<byte>.Empty, Encoding.ASCII.GetBytes("again")));
            await store.DisposeAsync();
            await using var reopened = await MessageStore.OpenAsync(new FileStreamStorage(directory), h.Config, h.Clock);
            Assert.Equal("again", Encoding.ASCII.GetString(reopened.Load(5)!.Data.Span));
            Assert.Empty(reopened.Damage);
        }
    }

    [Theory]
    [InlineData(40)]
    [InlineData(0)]
    [InlineData(5)]
    public async Task FlippedByte_in_sealed_segment_reported_and_skipped(int offsetInFrame)
    {
        await using var h = await StoreHarness.OpenAsync(options: SmallSegments);
        for (var i = 1; i <= 40; i++)
        {
            h.Publish("f.a", "message number " + i);
        }

        await h.Store.FlushAsync(fsync: false);
        // The store numbers segments from 1: 1.seg holds the oldest messages and is sealed.
        var first = Path.Combine(h.Directory, "1.seg");
        var bytes = File.ReadAllBytes(first);
        var third = FrameOffsets(bytes)[2];
        bytes[third + offsetInFrame] ^= 0x5A;
        File.WriteAllBytes(first, bytes);

        await h.CrashAndReopenAsync();
        var damage = Assert.Single(h.Store.Damage);
        Assert.False(damage.TornTail);
        Assert.Equal(third, damage.Offset);
        Assert.Null(h.Store.Load(3));
        for (var i = 1ul; i <= 40; i++)
        {
            if (i != 3)
            {
                Assert.Equal("message number " + i, Encoding.ASCII.GetString(h.Store.Load(i)!.Data.Span));
            }
        }

        Assert.Equal((39ul, 40ul), (h.Store.Messages, h.Store.LastSequence));
    }

    [Fact]
    public async Task FlippedByte_read_after_open_not_served()
    {
        await using var h = await StoreHarness.OpenAsync(options: SmallSegments);
        for (var i = 1; i <= 60; i++)
        {
            h.Publish("f.a", "message number " + i);
        }

        await h.Store.FlushAsync(fsync: false);
        await h.ReopenAsync();
        var first = Path.Combine(h.Directory, "1.seg");
        var bytes = File.ReadAllBytes(first);
        bytes[FrameOffsets(bytes)[1] + 30] ^= 1;
        File.WriteAllBytes(first, bytes);
        Assert.Null(h.Store.Load(2));
        Assert.NotNull(h.Store.Load(3));
    }

    [Fact]
    public async Task Compaction_interrupted_before_deletions_recovers_product_only()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxMsgsPerSubject = 1 }, SmallSegments);
        for (var i = 0; i < 120; i++)
        {
            h.Publish(i % 10 == 0 ? "k.cold." + i : "k.hot." + (i % 3), "value " + i);
        }

        await h.Store.FlushAsync(fsync: false);
        var replaced = h.SegmentFiles().ToDictionary(path => path, File.ReadAllBytes);
        Assert.True(await h.Store.CompactAsync() > 1);

        // The product's newest message is removed (its tombstone goes to the product), then the
        // flush deletes the replaced files; putting them back is a crash before those deletions.
        // Kept once by sequence alone, the replaced copy of that message would come back.
        var product = h.SegmentFiles().MaxBy(path => ulong.Parse(Path.GetFileNameWithoutExtension(path), System.Globalization.CultureInfo.InvariantCulture))!;
        var last = NewestMessageIn(File.ReadAllBytes(product));
        Assert.True(h.Store.Remove(last));
        await h.Store.FlushAsync(fsync: false);
        var before = Snapshot(h.Store);
        var restored = 0;
        foreach (var (path, bytes) in replaced.Where(pair => !File.Exists(pair.Key)))
        {
            File.WriteAllBytes(path, bytes);
            restored++;
        }

        Assert.True(restored > 1);
        await h.CrashAndReopenAsync();
        Assert.Null(h.Store.Load(last));
        Assert.Equal(before, Snapshot(h.Store));
        await h.Store.FlushAsync(fsync: false);
        Assert.All(replaced.Keys.Where(path => !h.SegmentFiles().Contains(path)), path => Assert.False(File.Exists(path)));
        Assert.Equal(before, Snapshot(h.Store));
    }

    [Fact]
    public async Task MemoryStorage_never_creates_files()
    {
        await using var h = await StoreHarness.OpenAsync(StoreHarness.Limits() with { MaxMsgsPerSubject = 1 }, SmallSegments, memory: true);
        for (var i = 0; i < 200; i++)
        {
            h.Publish("m." + (i % 5), "payload " + i);
        }

        h.Store.Delete(200, erase: true);
        await h.Store.FlushAsync(fsync: true);
        await h.Store.CompactAsync();
        h.Store.Purge();
        await h.ReopenAsync();
        Assert.False(Directory.Exists(h.Directory));
        Assert.Equal(200ul, h.Store.LastSequence);
    }

    private static ulong NewestMessageIn(byte[] segment)
    {
        ulong newest = 0;
        foreach (var offset in FrameOffsets(segment))
        {
            var record = segment.AsSpan(offset + 8, BitConverter.ToInt32(segment, offset));
            if (RecordCodec.KindOf(record) == RecordKind.Message && RecordCodec.TryReadHead(record, out var sequence, out _))
            {
                newest = Math.Max(newest, sequence);
            }
        }

        return newest;
    }

    internal static List<int> FrameOffsets(byte[] segment)
    {
        var offsets = new List<int>();
        for (var position = SegmentFrame.FileHeaderLength; position < segment.Length;)
        {
            offsets.Add(position);
            position += SegmentFrame.FrameLength(BitConverter.ToInt32(segment, position));
        }

        return offsets;
    }

    internal static string Snapshot(MessageStore store)
    {
        var text = new StringBuilder();
        var state = store.GetState(deletedDetails: true);
        text.Append(state with { Deleted = null }).Append(string.Join(',', state.Deleted!)).AppendLine();
        foreach (var (subject, count) in store.SubjectCounts(null).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(subject).Append('=').Append(count).Append(';');
        }

        for (var sequence = 1ul; sequence <= store.LastSequence; sequence++)
        {
            if (store.Load(sequence) is { } message)
            {
                text.AppendLine($"{message.Sequence} {message.Subject} {message.TimestampNanos} {Convert.ToHexString(message.Headers.Span)} {Encoding.ASCII.GetString(message.Data.Span)}");
            }
        }

        return text.ToString();
    }
}
