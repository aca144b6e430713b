using System.Text;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Store;

/// The file storage on its own: buffered appends, what a flush makes visible on disk, deferred
/// deletion, overwrites, blobs and damage found by reading a segment.
public sealed class FileStreamStorageTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "natrium-storage-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Append_readable_at_once_on_disk_after_flush()
    {
        await using var storage = new FileStreamStorage(_directory);
        var locators = Enumerable.Range(0, 100).Select(i => storage.Append(7, Record("record " + i))).ToList();
        Assert.False(File.Exists(SegmentPath(7)));
        Assert.True(storage.TryRead(7, locators[42], Record("record 42").Length, out var buffered));
        Assert.Equal("record 42", Encoding.ASCII.GetString(buffered.Span));

        await storage.FlushAsync(fsync: false);
        Assert.Equal(storage.SegmentLength(7), new FileInfo(SegmentPath(7)).Length);
        Assert.True(storage.TryRead(7, locators[99], Record("record 99").Length, out var written));
        Assert.Equal("record 99", Encoding.ASCII.GetString(written.Span));
        Assert.False(storage.TryRead(7, locators[99], 3, out _));
    }

    [Fact]
    public async Task Appends_during_pending_flush_land_after_it()
    {
        await using var storage = new FileStreamStorage(_directory);
        storage.Append(1, Record("first"));
        var flush = storage.FlushAsync(fsync: true);
        var second = storage.Append(1, Record("second"));
        await flush;
        await storage.FlushAsync(fsync: false);
        var contents = await new FileStreamStorage(_directory).ReadSegmentAsync(1);
        Assert.Equal(["first", "second"], contents.Records.Select(r => Encoding.ASCII.GetString(r.Data.Span)));
        Assert.Equal(second, contents.Records[1].Locator);
    }

    [Fact]
    public async Task DeleteSegment_takes_effect_at_next_flush()
    {
        await using var storage = new FileStreamStorage(_directory);
        storage.Append(3, Record("x"));
        await storage.FlushAsync(fsync: false);
        storage.DeleteSegment(3);
        Assert.True(File.Exists(SegmentPath(3)));
        await storage.FlushAsync(fsync: false);
        Assert.False(File.Exists(SegmentPath(3)));
        Assert.Empty(await storage.ListSegmentsAsync());
    }

    [Fact]
    public async Task Overwrite_replaces_record_in_place_at_flush()
    {
        await using var storage = new FileStreamStorage(_directory);
        storage.Append(1, Record("aaaa"));
        var locator = storage.Append(1, Record("bbbb"));
        await storage.FlushAsync(fsync: false);
        storage.Overwrite(1, locator, Record("cccc"));
        await storage.FlushAsync(fsync: false);
        var contents = await new FileStreamStorage(_directory).ReadSegmentAsync(1);
        Assert.Equal(["aaaa", "cccc"], contents.Records.Select(r => Encoding.ASCII.GetString(r.Data.Span)));
        Assert.Empty(contents.Damage);
    }

    [Fact]
    public async Task Old_records_read_in_order_through_blocks_and_an_overwrite_is_never_served_stale()
    {
        await using var storage = new FileStreamStorage(_directory);
        var locators = Enumerable.Range(0, 2000).Select(i => storage.Append(1, Record("record " + i))).ToList();
        await storage.FlushAsync(fsync: false);

        // Reopened: nothing buffered, every read comes from the file (a block at a time).
        await using var reopened = new FileStreamStorage(_directory);
        Assert.Single(await reopened.ListSegmentsAsync());
        for (var i = 0; i < locators.Count; i++)
        {
            Assert.True(reopened.TryRead(1, locators[i], Record("record " + i).Length, out var read));
            Assert.Equal("record " + i, Encoding.ASCII.GetString(read.Span));
        }

        Assert.True(reopened.TryRead(1, locators[10], Record("record 10").Length, out _));
        reopened.Overwrite(1, locators[11], Record("erased!!!"));
        await reopened.FlushAsync(fsync: false);
        Assert.True(reopened.TryRead(1, locators[11], Record("erased!!!").Length, out var erased));
        Assert.Equal("erased!!!", Encoding.ASCII.GetString(erased.Span));
    }

    [Fact]
    public async Task WriteSegment_whole_and_listed()
    {
        await using var storage = new FileStreamStorage(_directory);
        var locators = await storage.WriteSegmentAsync(9, [Record("one"), Record("two")]);
        File.WriteAllText(Path.Combine(_directory, "9.seg.tmp"), "left over");
        Assert.Equal([9ul], await storage.ListSegmentsAsync());
        Assert.False(File.Exists(Path.Combine(_directory, "9.seg.tmp")));
        Assert.True(storage.TryRead(9, locators[1], 3, out var two));
        Assert.Equal("two", Encoding.ASCII.GetString(two.Span));
    }

    [Fact]
    public async Task Blobs_replace_read_delete()
    {
        await using var storage = new FileStreamStorage(_directory);
        Assert.Null(await storage.ReadBlobAsync("state"));
        await storage.WriteBlobAsync("state", Record("v1"));
        await storage.WriteBlobAsync("state", Record("v2"));
        Assert.Equal("v2", Encoding.ASCII.GetString(await storage.ReadBlobAsync("state") ?? []));
        await storage.DeleteBlobAsync("state");
        Assert.Null(await storage.ReadBlobAsync("state"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await storage.WriteBlobAsync("../x", Record("no")));
    }

    [Fact]
    public async Task ReadSegment_payload_embedding_a_frame_not_taken_for_one()
    {
        // A publisher cannot forge a record: frames are checked with the segment's secret seed.
        await using var storage = new FileStreamStorage(_directory);
        var forged = new byte[64];
        SegmentFrame.Write(forged.AsSpan(0, SegmentFrame.FrameLength(4)), Record("evil"), seed: 0);
        storage.Append(1, forged);
        storage.Append(1, Record("tail"));
        await storage.FlushAsync(fsync: false);
        var bytes = File.ReadAllBytes(SegmentPath(1));
        bytes[SegmentFrame.FileHeaderLength] ^= 0xFF;
        File.WriteAllBytes(SegmentPath(1), bytes);

        // Resyncing after the damaged length passes over the embedded frame to the real next one.
        var contents = await new FileStreamStorage(_directory).ReadSegmentAsync(1);
        Assert.Equal("tail", Encoding.ASCII.GetString(Assert.Single(contents.Records).Data.Span));
        Assert.False(Assert.Single(contents.Damage).TornTail);
    }

    [Fact]
    public async Task ReadSegment_header_cut_short_is_emptied_then_forgotten()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllBytes(SegmentPath(4), "NATR"u8.ToArray());
        await using (var storage = new FileStreamStorage(_directory))
        {
            var contents = await storage.ReadSegmentAsync(4);
            Assert.Empty(contents.Records);
            Assert.True(Assert.Single(contents.Damage).TornTail);
            Assert.Equal(0, new FileInfo(SegmentPath(4)).Length);
        }

        await using var again = new FileStreamStorage(_directory);
        var empty = await again.ReadSegmentAsync(4);
        Assert.Empty(empty.Damage);
        var locator = again.Append(4, Record("fresh"));
        await again.FlushAsync(fsync: false);
        Assert.True(again.TryRead(4, locator, 5, out var fresh));
        Assert.Equal("fresh", Encoding.ASCII.GetString(fresh.Span));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static byte[] Record(string text) => Encoding.ASCII.GetBytes(text);

    private string SegmentPath(ulong id) => Path.Combine(_directory, id + ".seg");
}
