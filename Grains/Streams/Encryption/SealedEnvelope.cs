using System.Text;

namespace Natrium.Grains.Streams.Encryption;

/// How an open went. Plaintext: written before the store had a key (readable, resealed at the
/// next write). The failures name their cause for the log; none reveals the key.
internal enum OpenStatus
{
    Opened,
    Plaintext,
    NoKey,
    UnknownKey,
    Damaged,
}

/// A small thing sealed whole (grain state, a stream's keyring): magic ‖ cipher ‖ key id ‖
/// nonce ‖ ciphertext ‖ tag, under a key-encryption key derived for its account and asset. The
/// header and the asset's identity are the associated data, so a file copied over another
/// asset's, or its header edited, does not open.
internal static class SealedEnvelope
{
    private static ReadOnlySpan<byte> Magic => [0x89, (byte)'N', (byte)'A', (byte)'T', (byte)'S', (byte)'E', (byte)'A', (byte)'L'];

    private const int HeaderSize = 8 + 1 + MasterKey.IdSize;

    public static bool IsSealed(ReadOnlySpan<byte> data) => data.Length >= HeaderSize && data.StartsWith(Magic);

    public static byte[] Seal(MasterKey key, StoreCipher cipher, string account, string asset, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[HeaderSize + plaintext.Length + StoreAead.Overhead(cipher)];
        Magic.CopyTo(output);
        output[8] = (byte)cipher;
        key.Id.CopyTo(output.AsSpan(9));
        using var kek = StoreAead.Import(cipher, key.KeyEncryptionKey(account, asset));
        StoreAead.Seal(cipher, kek, AssociatedData(output.AsSpan(0, HeaderSize), asset), plaintext, output.AsSpan(HeaderSize));
        return output;
    }

    /// Opens data sealed under one of the pair's keys. Plaintext (no magic) is returned as is.
    public static OpenStatus Open(KeyPair keys, string account, string asset, byte[] data, out byte[] plaintext, out MasterKey? sealedWith)
    {
        sealedWith = null;
        plaintext = data;
        if (!IsSealed(data))
        {
            return OpenStatus.Plaintext;
        }

        plaintext = [];
        if (!keys.Encrypts)
        {
            return OpenStatus.NoKey;
        }

        if (!StoreAead.IsKnown(data[8]))
        {
            return OpenStatus.Damaged;
        }

        sealedWith = keys.Find(data.AsSpan(9, MasterKey.IdSize));
        if (sealedWith is null)
        {
            return OpenStatus.UnknownKey;
        }

        var cipher = (StoreCipher)data[8];
        var sealedPart = data.AsSpan(HeaderSize);
        if (sealedPart.Length < StoreAead.Overhead(cipher))
        {
            return OpenStatus.Damaged;
        }

        var opened = new byte[sealedPart.Length - StoreAead.Overhead(cipher)];
        using var kek = StoreAead.Import(cipher, sealedWith.KeyEncryptionKey(account, asset));
        if (!StoreAead.Open(cipher, kek, AssociatedData(data.AsSpan(0, HeaderSize), asset), sealedPart, opened))
        {
            return OpenStatus.Damaged;
        }

        plaintext = opened;
        return OpenStatus.Opened;
    }

    /// What a failed open means, for logs and errors (safe to show: no key material).
    public static string Describe(OpenStatus status) => status switch
    {
        OpenStatus.NoKey => "it is encrypted and no encryption key is configured",
        OpenStatus.UnknownKey => "it was sealed under a different key than the ones configured",
        OpenStatus.Damaged => "it failed authentication (damaged or tampered with)",
        _ => "it opened",
    };

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string asset)
    {
        var ad = new byte[header.Length + Encoding.UTF8.GetByteCount(asset)];
        header.CopyTo(ad);
        Encoding.UTF8.GetBytes(asset, ad.AsSpan(header.Length));
        return ad;
    }
}
