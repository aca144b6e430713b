using System.Text;
using Natrium.Grains.Streams.Encryption;
using Natrium.Grains.Streams.Store;
using static Natrium.Tests.Unit.JetStream.Encryption.EncryptionKit;

namespace Natrium.Tests.Unit.JetStream.Encryption;

/// The sealing layer every stream byte passes through, over a backend the test can read and
/// tamper with directly (an attacker with the disk, minus the file checksums).
public sealed class EncryptedStreamStorageTests
{
    [Theory]
    [InlineData("chacha")]
    [InlineData("aes")]
    public async Task Records_and_blobs_reach_the_backend_sealed_and_come_back_intact(string cipher)
    {
        var backend = new MemoryStreamStorage();
        var ring = Ring("k1", cipher: cipher == "aes" ? StoreCipher.Aes : StoreCipher.ChaCha);
        await using (var storage = await OpenAsync(backend, ring))
        {
            storage.Append(1, Bytes("payload-marker-1"));
            storage.Append(2, Bytes("payload-marker-2"));
            await storage.FlushAsync(fsync: true);
            await storage.WriteBlobAsync("c1", Bytes("consumer-marker"));
        }

        var raw = await EverythingAsync(backend, ["keyring", "c1"]);
        Assert.False(Contains(raw, "marker"));
        Assert.False(Contains(raw, "ORDERS"));

        await using var reopened = await OpenAsync(backend, ring);
        Assert.Equal("payload-marker-1", Encoding.UTF8.GetString((await reopened.ReadSegmentAsync(1)).Records.Single().Data.Span));
        Assert.Equal("payload-marker-2", Encoding.UTF8.GetString((await reopened.ReadSegmentAsync(2)).Records.Single().Data.Span));
        Assert.Equal("consumer-marker", Encoding.UTF8.GetString((await reopened.ReadBlobAsync("c1"))!));
    }

    [Fact]
    public async Task A_wrong_or_missing_key_refuses_to_open_and_changes_nothing()
    {
        var backend = new MemoryStreamStorage();
        await using (var storage = await OpenAsync(backend, Ring("right")))
        {
            storage.Append(1, Bytes("secret"));
            await storage.FlushAsync(fsync: true);
        }

        var before = await EverythingAsync(backend, ["keyring"]);
        var wrong = await Assert.ThrowsAsync<StoreSealedException>(() => OpenAsync(backend, Ring("wrong")));
        Assert.Contains("different key", wrong.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<StoreSealedException>(() => OpenAsync(backend, StoreKeyring.Plain));
        Assert.Contains("no encryption key", missing.Message, StringComparison.Ordinal);
        Assert.Equal(before, await EverythingAsync(backend, ["keyring"]));
        Assert.Equal(OpenStatus.UnknownKey, await EncryptedStreamStorage.ProbeAsync(backend, new StoreKeys(Ring("wrong")), EncryptionKit.Stream));

        await using var right = await OpenAsync(backend, Ring("right"));
        Assert.Equal("secret", Encoding.UTF8.GetString((await right.ReadSegmentAsync(1)).Records.Single().Data.Span));
    }

    [Fact]
    public async Task A_flipped_byte_fails_its_tag_and_only_that_record_is_lost()
    {
        var backend = new MemoryStreamStorage();
        await using var storage = await OpenAsync(backend, Ring("k"));
        var locators = new[] { storage.Append(1, Bytes("one")), storage.Append(1, Bytes("two")), storage.Append(1, Bytes("three")) };
        await storage.FlushAsync(fsync: true);

        // The attacker rewrites the middle record with one bit changed (and a valid frame).
        var overhead = StoreAead.Overhead(StoreCipher.ChaCha);
        Assert.True(backend.TryRead(1, locators[1], 3 + overhead, out var sealedRecord));
        var tampered = sealedRecord.ToArray();
        tampered[^5] ^= 0x01;
        backend.Overwrite(1, locators[1], tampered);

        Assert.False(storage.TryRead(1, locators[1], 3, out _));
        Assert.True(storage.TryRead(1, locators[2], 5, out var third));
        Assert.Equal("three", Encoding.UTF8.GetString(third.Span));
        var contents = await storage.ReadSegmentAsync(1);
        Assert.Equal(["one", "three"], contents.Records.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
        Assert.Equal(locators[1], Assert.Single(contents.Damage).Offset);
    }

    [Fact]
    public async Task A_record_copied_to_another_segment_or_stream_does_not_open_there()
    {
        var backend = new MemoryStreamStorage();
        await using var storage = await OpenAsync(backend, Ring("k"));
        var locator = storage.Append(1, Bytes("moved"));
        storage.Append(2, Bytes("stays"));
        await storage.FlushAsync(fsync: true);
        Assert.True(backend.TryRead(1, locator, 5 + StoreAead.Overhead(StoreCipher.ChaCha), out var sealedRecord));

        backend.Append(2, sealedRecord.Span);
        var contents = await storage.ReadSegmentAsync(2);
        Assert.Equal(["stays"], contents.Records.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
        Assert.Single(contents.Damage);

        // The same bytes in another stream's backend, under the same server key: no.
        var other = new MemoryStreamStorage();
        await using var otherStream = await OpenAsync(other, Ring("k"), "ACC/OTHER");
        otherStream.Append(1, Bytes("own"));
        await otherStream.FlushAsync(fsync: true);
        other.Append(1, sealedRecord.Span);
        Assert.Equal(["own"], (await otherStream.ReadSegmentAsync(1)).Records.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
    }

    [Fact]
    public async Task After_a_cipher_change_old_segments_read_and_new_ones_use_the_new_cipher()
    {
        var backend = new MemoryStreamStorage();
        await using (var chacha = await OpenAsync(backend, Ring("k", cipher: StoreCipher.ChaCha)))
        {
            chacha.Append(1, Bytes("before"));
            await chacha.FlushAsync(fsync: true);
        }

        await using (var aes = await OpenAsync(backend, Ring("k", cipher: StoreCipher.Aes)))
        {
            Assert.Equal("before", Encoding.UTF8.GetString((await aes.ReadSegmentAsync(1)).Records.Single().Data.Span));
            aes.Append(2, Bytes("after"));
            await aes.FlushAsync(fsync: true);
            Assert.Equal(5 + StoreAead.Overhead(StoreCipher.Aes), backend.SegmentLength(2));
            Assert.Equal(6 + StoreAead.Overhead(StoreCipher.ChaCha), backend.SegmentLength(1));
        }

        await using var back = await OpenAsync(backend, Ring("k", cipher: StoreCipher.ChaCha));
        Assert.Equal("after", Encoding.UTF8.GetString((await back.ReadSegmentAsync(2)).Records.Single().Data.Span));
    }

    [Fact]
    public async Task Resealing_moves_the_keyring_to_the_new_key_and_the_old_key_stops_opening_it()
    {
        var backend = new MemoryStreamStorage();
        await using (var old = await OpenAsync(backend, Ring("old")))
        {
            old.Append(1, Bytes("kept"));
            await old.FlushAsync(fsync: true);
        }

        await using (var rotating = await OpenAsync(backend, Ring("new", previous: "old")))
        {
            Assert.False(rotating.SealedUnderCurrentKey);
            await rotating.ResealAsync();
            Assert.True(rotating.SealedUnderCurrentKey);
        }

        await Assert.ThrowsAsync<StoreSealedException>(() => OpenAsync(backend, Ring("old")));
        await using var rotated = await OpenAsync(backend, Ring("new"));
        Assert.True(rotated.SealedUnderCurrentKey);
        Assert.Equal("kept", Encoding.UTF8.GetString((await rotated.ReadSegmentAsync(1)).Records.Single().Data.Span));
    }

    [Fact]
    public async Task A_stream_stored_before_the_key_is_sealed_when_first_opened_with_one()
    {
        var backend = new MemoryStreamStorage();
        backend.Append(1, Message(1, "plain-marker-a"));
        backend.Append(2, Message(2, "plain-marker-b"));
        await backend.FlushAsync(fsync: true);

        await using var storage = await OpenAsync(backend, Ring("k"));
        Assert.False(Contains(await EverythingAsync(backend, ["keyring"]), "plain-marker"));
        Assert.Equal(Message(1, "plain-marker-a"), (await storage.ReadSegmentAsync(1)).Records.Single().Data.ToArray());
        Assert.Equal(Message(2, "plain-marker-b"), (await storage.ReadSegmentAsync(2)).Records.Single().Data.ToArray());
    }

    [Fact]
    public async Task Sealed_segments_whose_keyring_is_gone_are_refused_not_sealed_again()
    {
        var backend = new MemoryStreamStorage();
        await using (var storage = await OpenAsync(backend, Ring("k")))
        {
            storage.Append(1, Message(1, "sealed"));
            await storage.FlushAsync(fsync: true);
        }

        var sealedBefore = await EverythingAsync(backend, []);
        await backend.DeleteBlobAsync("keyring");
        var refused = await Assert.ThrowsAsync<StoreSealedException>(() => OpenAsync(backend, Ring("k")));
        Assert.Contains("keyring is missing", refused.Message, StringComparison.Ordinal);
        Assert.Equal(sealedBefore, await EverythingAsync(backend, []));
    }

    private static byte[] Message(ulong sequence, string data)
    {
        var record = new byte[RecordCodec.MessageLength(3, 0, data.Length)];
        RecordCodec.WriteMessage(record, sequence, 1, "a.b", [], Bytes(data));
        return record;
    }

    [Fact]
    public async Task An_account_key_seals_only_that_account_and_shredding_it_leaves_the_others()
    {
        var backend = new MemoryStreamStorage();
        var otherBackend = new MemoryStreamStorage();
        var ring = Ring("server", accounts: ("ACC", "tenant-key", null));
        await using (var own = await OpenAsync(backend, ring))
        await using (var other = await OpenAsync(otherBackend, ring, "B/ORDERS"))
        {
            own.Append(1, Bytes("tenant"));
            other.Append(1, Bytes("neighbour"));
            await own.FlushAsync(fsync: true);
            await other.FlushAsync(fsync: true);
        }

        // The tenant's key destroyed: its data no longer opens under anything else.
        var shredded = Ring("server", accounts: ("ACC", "replacement", null));
        await Assert.ThrowsAsync<StoreSealedException>(() => OpenAsync(backend, shredded));
        await Assert.ThrowsAsync<StoreSealedException>(() => OpenAsync(backend, Ring("server")));
        await using var neighbour = await OpenAsync(otherBackend, shredded, "B/ORDERS");
        Assert.Equal("neighbour", Encoding.UTF8.GetString((await neighbour.ReadSegmentAsync(1)).Records.Single().Data.Span));
    }

    [Fact]
    public async Task A_plaintext_blob_put_in_place_of_a_sealed_one_is_not_served()
    {
        var backend = new MemoryStreamStorage();
        await using (var storage = await OpenAsync(backend, Ring("k")))
        {
            storage.BlobsSealed();
            await storage.WriteBlobAsync("c1", Bytes("real position"));
        }

        // The attacker writes a position of their own, in the clear (say, an ack floor far ahead).
        await backend.WriteBlobAsync("c1", Bytes("forged position"));
        await using var reopened = await OpenAsync(backend, Ring("k"));
        Assert.Null(await reopened.ReadBlobAsync("c1"));
    }

    [Fact]
    public async Task Without_any_key_a_new_stream_is_stored_as_it_is()
    {
        var backend = new MemoryStreamStorage();
        await using var storage = await OpenAsync(backend, StoreKeyring.Plain);
        storage.Append(1, Bytes("clear"));
        await storage.FlushAsync(fsync: true);
        Assert.Null(await backend.ReadBlobAsync("keyring"));
        Assert.True(Contains(await EverythingAsync(backend, []), "clear"));
    }
}
