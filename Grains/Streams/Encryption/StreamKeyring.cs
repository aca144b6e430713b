using System.Buffers.Binary;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Natrium.Grains.Streams.Encryption;

/// A random data key and the cipher it is used with. Converting: a segment being rewritten
/// from plaintext under this key (a crash may leave it plaintext; the first record tells).
internal sealed class DataKey(StoreCipher cipher, byte[] secret) : IDisposable
{
    private Key? _key;

    public StoreCipher Cipher { get; } = cipher;

    public byte[] Secret { get; } = secret;

    public bool Converting { get; set; }

    /// Dropped from the segment list once the segment's file is gone.
    public bool Deleted { get; set; }

    /// Made ahead for a segment that has no record yet (not persisted: a segment id above every
    /// existing one is fresh when loaded), so it may still be replaced by one of another cipher.
    public bool Fresh { get; set; }

    public int Overhead => StoreAead.Overhead(Cipher);

    public Key Key => _key ??= StoreAead.Import(Cipher, Secret);

    public static DataKey Create(StoreCipher cipher) => new(cipher, RandomNumberGenerator.GetBytes(StoreAead.KeySize));

    public void Dispose()
    {
        _key?.Dispose();
        CryptographicOperations.ZeroMemory(Secret);
    }
}

/// A stream's data keys: one for its blobs (consumer state) and one per segment. Stored as one
/// blob sealed under the account's key-encryption key, so a key rotation rewrites only this and
/// deleting it (or the key it is sealed under) makes every segment unreadable.
internal sealed class StreamKeyring : IDisposable
{
    private const byte Version = 1;
    private const int EntrySize = 8 + 1 + 1 + StoreAead.KeySize;

    // version, flags, blob key's cipher and secret, entry count.
    private const int HeadSize = 1 + 1 + 1 + StoreAead.KeySize + 4;

    public StreamKeyring(DataKey blobKey) => BlobKey = blobKey;

    public DataKey BlobKey { get; }

    /// Set when a plaintext stream was sealed: its blobs (consumer positions) may still be
    /// plaintext until the stream writes them again. Otherwise a plaintext blob is a forgery.
    public bool PlaintextBlobs { get; set; }

    public Dictionary<ulong, DataKey> Segments { get; } = [];

    public byte[] Serialize()
    {
        // Deleted segments' keys stay until their files are gone (EncryptedStreamStorage.FlushAsync
        // drops them after the flush that deleted the files).
        var live = Segments.ToList();
        var bytes = new byte[HeadSize + (live.Count * EntrySize)];
        bytes[0] = Version;
        bytes[1] = PlaintextBlobs ? (byte)1 : (byte)0;
        bytes[2] = (byte)BlobKey.Cipher;
        BlobKey.Secret.CopyTo(bytes, 3);
        var at = 3 + StoreAead.KeySize;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), live.Count);
        at += 4;
        foreach (var (id, key) in live)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), id);
            bytes[at + 8] = (byte)key.Cipher;
            bytes[at + 9] = key.Converting ? (byte)1 : (byte)0;
            key.Secret.CopyTo(bytes, at + 10);
            at += EntrySize;
        }

        return bytes;
    }

    /// Null when the bytes are not a keyring this version wrote (they opened, so not tampering).
    public static StreamKeyring? Parse(ReadOnlySpan<byte> bytes)
    {
        const int head = HeadSize;
        if (bytes.Length < head || bytes[0] != Version || !StoreAead.IsKnown(bytes[2]))
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[(3 + StoreAead.KeySize)..]);
        if (count < 0 || bytes.Length != head + ((long)count * EntrySize))
        {
            return null;
        }

        var ring = new StreamKeyring(new DataKey((StoreCipher)bytes[2], bytes.Slice(3, StoreAead.KeySize).ToArray())) { PlaintextBlobs = bytes[1] == 1 };
        for (var at = head; at < bytes.Length; at += EntrySize)
        {
            if (!StoreAead.IsKnown(bytes[at + 8]))
            {
                return null;
            }

            ring.Segments[BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..])] =
                new DataKey((StoreCipher)bytes[at + 8], bytes.Slice(at + 10, StoreAead.KeySize).ToArray()) { Converting = bytes[at + 9] == 1 };
        }

        return ring;
    }

    public void Dispose()
    {
        BlobKey.Dispose();
        foreach (var key in Segments.Values)
        {
            key.Dispose();
        }
    }
}
