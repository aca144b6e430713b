using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Logging;
using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Streams.Encryption;

/// Encryption at rest for one file stream: every record and blob is sealed before the inner
/// storage sees it, under random data keys kept in the stream's keyring (StreamKeyring), which is
/// sealed under the account's key. Records are bound to their stream and segment (associated
/// data), so one copied elsewhere does not open; the message's sequence is inside the sealed
/// record. A record that does not open is reported as damage and never served. The keyring is
/// written durably before any data sealed under a key it adds, and a deleted segment's key
/// leaves it only after the segment's file is gone.
internal sealed partial class EncryptedStreamStorage(
    IStreamStorage inner, StoreKeys keys, string streamKey, ILogger logger) : IStreamStorage
{
    private const string KeyringBlob = "keyring";

    private static ReadOnlySpan<byte> BlobMagic => [0x89, (byte)'N', (byte)'A', (byte)'T', (byte)'B', (byte)'L', (byte)'O', (byte)'B'];

    private readonly string _account = AccountOf(streamKey);
    private readonly byte[] _identity = Encoding.UTF8.GetBytes(streamKey);
    private StreamKeyring? _ring;
    private bool _ringDirty;

    // The account has no key and the stream no keyring: stored as it is.
    private bool _plain;

    // The key the keyring was last opened or sealed with (StoreKeyring.StillHolds).
    private MasterKey? _sealedWith;
    private byte[] _scratch = new byte[4096];
    private readonly NonceSource _nonces = new();

    /// False while the keyring is still sealed under a previous key (or not yet written).
    public bool SealedUnderCurrentKey => _plain || (_sealedWith?.SameAs(keys.Ring.For(_account).Current) ?? false);

    /// Opened without a key and still stored as it is, though the account has a key now: the
    /// stream must be opened again to be sealed (ResealNeedsReopen).
    public bool ResealNeedsReopen => _plain && keys.Ring.For(_account).Encrypts;

    /// Opened without a keyring under a key (a new stream, or one stored in plaintext, whose
    /// segments were sealed while opening): the blobs (consumer positions) should be written
    /// again so that they are sealed too, then BlobsSealed.
    public bool Converted { get; private set; }

    private string KeyringAsset => streamKey + "#keyring";

    private StreamKeyring Ring => _ring ?? throw new InvalidOperationException("the stream's keyring is not loaded");

    public async ValueTask<IReadOnlyList<ulong>> ListSegmentsAsync()
    {
        var ids = await inner.ListSegmentsAsync();
        if (_ring is null)
        {
            await LoadAsync(ids);
        }

        return ids;
    }

    public async ValueTask<SegmentContents> ReadSegmentAsync(ulong segment)
    {
        if (_plain)
        {
            return await inner.ReadSegmentAsync(segment);
        }

        var contents = await inner.ReadSegmentAsync(segment);
        var records = new List<StorageRecord>(contents.Records.Count);
        var damage = new List<StorageDamage>(contents.Damage);
        Ring.Segments.TryGetValue(segment, out var key);
        foreach (var record in contents.Records)
        {
            if (key is not null && TryOpen(key, segment, record.Data.Span, out var plaintext))
            {
                records.Add(new StorageRecord(record.Locator, plaintext));
            }
            else
            {
                damage.Add(new StorageDamage(segment, record.Locator, record.Data.Length, TornTail: false));
            }
        }

        return new SegmentContents(records, damage);
    }

    public long Append(ulong segment, ReadOnlySpan<byte> record)
    {
        if (_plain)
        {
            return inner.Append(segment, record);
        }

        var key = SegmentKey(segment);
        var length = record.Length + key.Overhead;
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        }

        SealRecord(key, segment, record, _scratch.AsSpan(0, length));
        return inner.Append(segment, _scratch.AsSpan(0, length));
    }

    public void Overwrite(ulong segment, long locator, ReadOnlySpan<byte> record)
    {
        if (_plain)
        {
            inner.Overwrite(segment, locator, record);
            return;
        }

        var key = SegmentKey(segment);
        var sealedRecord = new byte[record.Length + key.Overhead];
        SealRecord(key, segment, record, sealedRecord);
        inner.Overwrite(segment, locator, sealedRecord);
    }

    public bool TryRead(ulong segment, long locator, int length, out ReadOnlyMemory<byte> record)
    {
        if (_plain)
        {
            return inner.TryRead(segment, locator, length, out record);
        }

        record = default;
        if (!Ring.Segments.TryGetValue(segment, out var key) || key.Deleted
            || !inner.TryRead(segment, locator, length + key.Overhead, out var sealedRecord)
            || !TryOpen(key, segment, sealedRecord.Span, out var plaintext))
        {
            return false;
        }

        record = plaintext;
        return true;
    }

    public async ValueTask FlushAsync(bool fsync)
    {
        if (_plain)
        {
            await inner.FlushAsync(fsync);
            return;
        }

        await PersistRingAsync();

        // The inner flush deletes the files of segments deleted until now (later ones wait for
        // the next flush); once it has, their keys may go too (crypto-shredding them).
        var gone = Ring.Segments.Where(pair => pair.Value.Deleted).ToList();
        await inner.FlushAsync(fsync);
        foreach (var (id, key) in gone)
        {
            if (Ring.Segments.TryGetValue(id, out var still) && ReferenceEquals(still, key))
            {
                Ring.Segments.Remove(id);
                _ringDirty = true;
            }

            key.Dispose();
        }
    }

    public async ValueTask<long[]> WriteSegmentAsync(ulong segment, IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        if (_plain)
        {
            return await inner.WriteSegmentAsync(segment, records);
        }

        var key = SegmentKey(segment);
        await PersistRingAsync();
        var sealedRecords = new List<ReadOnlyMemory<byte>>(records.Count);
        foreach (var record in records)
        {
            var sealedRecord = new byte[record.Length + key.Overhead];
            SealRecord(key, segment, record.Span, sealedRecord);
            sealedRecords.Add(sealedRecord);
        }

        return await inner.WriteSegmentAsync(segment, sealedRecords);
    }

    public void DeleteSegment(ulong segment)
    {
        if (!_plain && Ring.Segments.TryGetValue(segment, out var key))
        {
            key.Deleted = true;
        }

        inner.DeleteSegment(segment);
    }

    public long SegmentLength(ulong segment) => inner.SegmentLength(segment);

    public int RecordOverhead => _plain ? inner.RecordOverhead : inner.RecordOverhead + StoreAead.Overhead(keys.Ring.Cipher);

    public async ValueTask WriteBlobAsync(string name, ReadOnlyMemory<byte> data)
    {
        if (_plain)
        {
            await inner.WriteBlobAsync(name, data);
            return;
        }

        await PersistRingAsync();
        var key = Ring.BlobKey;
        var sealedBlob = new byte[BlobMagic.Length + 1 + data.Length + key.Overhead];
        BlobMagic.CopyTo(sealedBlob);
        sealedBlob[BlobMagic.Length] = (byte)key.Cipher;
        StoreAead.Seal(key.Cipher, key.Key, BlobAssociatedData(name), data.Span, sealedBlob.AsSpan(BlobMagic.Length + 1));
        await inner.WriteBlobAsync(name, sealedBlob);
    }

    public async ValueTask<byte[]?> ReadBlobAsync(string name)
    {
        if (await inner.ReadBlobAsync(name) is not { } stored)
        {
            return null;
        }

        if (!stored.AsSpan().StartsWith(BlobMagic))
        {
            if (_plain || Ring.PlaintextBlobs)
            {
                // Written before the stream had a key; sealed at its next write.
                return stored;
            }

            LogDamagedBlob(logger, streamKey, name);
            return null;
        }

        var key = Ring.BlobKey;
        var sealedPart = stored.AsSpan(BlobMagic.Length + 1);
        var plaintext = new byte[Math.Max(0, sealedPart.Length - key.Overhead)];
        if (stored[BlobMagic.Length] != (byte)key.Cipher || !StoreAead.Open(key.Cipher, key.Key, BlobAssociatedData(name), sealedPart, plaintext))
        {
            LogDamagedBlob(logger, streamKey, name);
            return null;
        }

        return plaintext;
    }

    public ValueTask DeleteBlobAsync(string name) => inner.DeleteBlobAsync(name);

    public ValueTask DeleteAllAsync() => inner.DeleteAllAsync();

    /// The stream wrote every blob again (sealed): a plaintext blob is a forgery from now on.
    public void BlobsSealed()
    {
        if (!_plain && Ring.PlaintextBlobs)
        {
            Ring.PlaintextBlobs = false;
            _ringDirty = true;
        }
    }

    /// Rewrites the keyring under the account's current key (rotation). Call where the other
    /// asynchronous members may be (the stream grain's storage lock).
    public async ValueTask ResealAsync()
    {
        if (_plain)
        {
            return;
        }

        _ringDirty = true;
        await PersistRingAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _ring?.Dispose();
        _ring = null;
        await inner.DisposeAsync();
    }

    private static string AccountOf(string streamKey) => Contracts.JetStream.StreamKeys.Split(streamKey).Account;

    // Keys for the next few segments are made with the first one's, so the keyring (a durable
    // write before data under a new key) is written once per KeysAhead segments, not per segment.
    private const int KeysAhead = 8;

    private DataKey SegmentKey(ulong segment)
    {
        var cipher = keys.Ring.Cipher;
        if (Ring.Segments.TryGetValue(segment, out var key) && !key.Deleted && !(key.Fresh && key.Cipher != cipher))
        {
            key.Fresh = false;
            return key;
        }

        key = DataKey.Create(cipher);
        Ring.Segments[segment] = key;
        for (var ahead = segment + 1; ahead < segment + KeysAhead; ahead++)
        {
            if (!Ring.Segments.TryGetValue(ahead, out var reserved) || (reserved.Fresh && reserved.Cipher != cipher))
            {
                Ring.Segments[ahead] = Reserved(cipher);
            }
        }

        _ringDirty = true;
        return key;
    }

    private static DataKey Reserved(StoreCipher cipher)
    {
        var key = DataKey.Create(cipher);
        key.Fresh = true;
        return key;
    }

    private void SealRecord(DataKey key, ulong segment, ReadOnlySpan<byte> record, Span<byte> destination)
    {
        Span<byte> ad = stackalloc byte[_identity.Length + 8];
        RecordAssociatedData(segment, ad);
        StoreAead.Seal(key.Cipher, key.Key, ad, record, destination, _nonces);
    }

    private bool TryOpen(DataKey key, ulong segment, ReadOnlySpan<byte> sealedRecord, out byte[] plaintext)
    {
        plaintext = [];
        if (sealedRecord.Length < key.Overhead)
        {
            return false;
        }

        Span<byte> ad = stackalloc byte[_identity.Length + 8];
        RecordAssociatedData(segment, ad);
        var opened = new byte[sealedRecord.Length - key.Overhead];
        if (!StoreAead.Open(key.Cipher, key.Key, ad, sealedRecord, opened))
        {
            return false;
        }

        plaintext = opened;
        return true;
    }

    private void RecordAssociatedData(ulong segment, Span<byte> ad)
    {
        _identity.CopyTo(ad);
        BinaryPrimitives.WriteUInt64LittleEndian(ad[_identity.Length..], segment);
    }

    private byte[] BlobAssociatedData(string name) => [.. _identity, .. "#blob#"u8, .. Encoding.UTF8.GetBytes(name)];

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Stream}: stored blob {Blob} failed authentication (damaged or tampered with); it is not used")]
    private static partial void LogDamagedBlob(ILogger logger, string stream, string blob);
}
