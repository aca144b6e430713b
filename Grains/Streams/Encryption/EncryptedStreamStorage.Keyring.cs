using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Streams.Encryption;

/// Loading and writing the keyring, and sealing a stream stored before its account had a key.
internal sealed partial class EncryptedStreamStorage
{
    /// Whether the stream's directory holds a keyring the keys configured now cannot open (so
    /// nothing there may be deleted or overwritten).
    public static async ValueTask<OpenStatus> ProbeAsync(IStreamStorage storage, StoreKeys keys, string streamKey)
    {
        if (await storage.ReadBlobAsync(KeyringBlob) is not { } stored)
        {
            return OpenStatus.Plaintext;
        }

        var account = AccountOf(streamKey);
        var status = SealedEnvelope.Open(keys.Ring.For(account), account, streamKey + "#keyring", stored, out var plaintext, out _);
        Array.Clear(plaintext);
        return status == OpenStatus.Plaintext ? OpenStatus.Damaged : status;
    }

    private async ValueTask LoadAsync(IReadOnlyList<ulong> ids)
    {
        var pair = keys.Ring.For(_account);
        if (await inner.ReadBlobAsync(KeyringBlob) is not { } stored)
        {
            if (pair.Current is null)
            {
                _plain = true;
                return;
            }

            _ring = new StreamKeyring(DataKey.Create(keys.Ring.Cipher)) { PlaintextBlobs = true };
            _ringDirty = true;
            Converted = true;
            foreach (var id in ids)
            {
                await ConvertAsync(id, DataKey.Create(keys.Ring.Cipher));
            }

            return;
        }

        var status = SealedEnvelope.Open(pair, _account, KeyringAsset, stored, out var plaintext, out var sealedWith);
        var ring = status == OpenStatus.Opened ? StreamKeyring.Parse(plaintext) : null;
        Array.Clear(plaintext);
        if (ring is null)
        {
            var cause = SealedEnvelope.Describe(status == OpenStatus.Plaintext ? OpenStatus.Damaged : status);
            throw new StoreSealedException($"the stream's keyring cannot be opened: {cause}");
        }

        _ring = ring;
        _sealedWith = sealedWith;
        var last = ids.Count == 0 ? 0 : ids.Max();
        foreach (var (id, key) in ring.Segments)
        {
            key.Fresh = id > last;
        }

        foreach (var (id, key) in ring.Segments.Where(pair => pair.Value.Converting).ToList())
        {
            await ConvertAsync(id, key);
        }
    }

    private async ValueTask PersistRingAsync()
    {
        while (_ringDirty)
        {
            _ringDirty = false;
            var ring = keys.Ring;
            var pair = ring.For(_account);
            var key = pair.Current ?? throw new StoreSealedException("the stream's account has no encryption key");
            if (_sealedWith is not null && !pair.StillHolds(_sealedWith))
            {
                throw new StoreSealedException("the key this stream was sealed under was withdrawn; it is not sealed again under another");
            }

            var plaintext = Ring.Serialize();
            var sealedRing = SealedEnvelope.Seal(key, ring.Cipher, _account, KeyringAsset, plaintext);
            Array.Clear(plaintext);
            await inner.WriteBlobAsync(KeyringBlob, sealedRing);
            _sealedWith = key;
        }
    }

    // Seals a segment written in plaintext (before the account had a key). Its key is in the
    // keyring, marked Converting, before the sealed copy replaces the file (atomically); a crash
    // in between leaves a plaintext file, which the first record shows, and the next open seals
    // it again under the same key.
    private async ValueTask ConvertAsync(ulong segment, DataKey key)
    {
        var contents = await inner.ReadSegmentAsync(segment);
        if (contents.Records.Count > 0 && key.Converting && TryOpen(key, segment, contents.Records[0].Data.Span, out _))
        {
            key.Converting = false;
            _ringDirty = true;
            return;
        }

        // Sealed records whose keyring is gone are not plaintext: sealing them again would lose
        // the keys that open them. Only records that parse as records are converted.
        if (!contents.Records.All(record => RecordCodec.IsWellFormed(record.Data)))
        {
            throw new StoreSealedException("the stream's keyring is missing and its segments are sealed; they are left untouched");
        }

        key.Converting = true;
        Ring.Segments[segment] = key;
        _ringDirty = true;
        await PersistRingAsync();
        if (contents.Records.Count > 0)
        {
            var sealedRecords = new List<ReadOnlyMemory<byte>>(contents.Records.Count);
            foreach (var record in contents.Records)
            {
                var sealedRecord = new byte[record.Data.Length + key.Overhead];
                SealRecord(key, segment, record.Data.Span, sealedRecord);
                sealedRecords.Add(sealedRecord);
            }

            await inner.WriteSegmentAsync(segment, sealedRecords);
        }

        key.Converting = false;
        _ringDirty = true;
        Converted = true;
        LogConverted(logger, streamKey, segment);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Stream {Stream}: segment {Segment}, stored before encryption was configured, is now sealed")]
    private static partial void LogConverted(Microsoft.Extensions.Logging.ILogger logger, string stream, ulong segment);
}
