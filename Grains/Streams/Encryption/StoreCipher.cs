using System.Security.Cryptography;
using NSec.Cryptography;

namespace Natrium.Grains.Streams.Encryption;

/// The AEADs a store may be sealed with (`cipher: chacha | aes`). The value is written beside
/// every sealed thing, so data sealed under one cipher stays readable after a switch.
internal enum StoreCipher : byte
{
    ChaCha = 1,
    Aes = 2,
}

/// Seal and open with a cipher: a fresh random nonce per call, written before the ciphertext;
/// the 16-byte tag after it. Nonce sizes differ (24 for XChaCha20-Poly1305, 12 for AES-256-GCM),
/// so Overhead depends on the cipher.
internal static class StoreAead
{
    public const int KeySize = 32;
    public const int TagSize = 16;

    public static AeadAlgorithm Algorithm(StoreCipher cipher) => cipher switch
    {
        StoreCipher.ChaCha => AeadAlgorithm.XChaCha20Poly1305,
        StoreCipher.Aes => AeadAlgorithm.Aes256Gcm,
        _ => throw new CryptographicException("unknown cipher"),
    };

    public static bool IsKnown(byte value) => value is (byte)StoreCipher.ChaCha or (byte)StoreCipher.Aes;

    /// Null when the cipher can run here (AES-256-GCM needs the CPU's AES instructions).
    public static string? Unsupported(StoreCipher cipher) =>
        cipher == StoreCipher.Aes && !Aes256Gcm.IsSupported ? "cipher aes is not supported on this machine (no AES instructions); use chacha" : null;

    public static int NonceSize(StoreCipher cipher) => cipher == StoreCipher.Aes ? 12 : 24;

    public static int Overhead(StoreCipher cipher) => NonceSize(cipher) + TagSize;

    public static Key Import(StoreCipher cipher, ReadOnlySpan<byte> secret) =>
        Key.Import(Algorithm(cipher), secret, KeyBlobFormat.RawSymmetricKey);

    /// nonce ‖ ciphertext ‖ tag into destination (plaintext.Length + Overhead bytes); the nonce
    /// from nonces when given (records), else straight from the system's CSPRNG.
    public static void Seal(StoreCipher cipher, Key key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> destination, NonceSource? nonces = null)
    {
        var nonceSize = NonceSize(cipher);
        var nonce = destination[..nonceSize];
        if (nonces is null)
        {
            RandomNumberGenerator.Fill(nonce);
        }
        else
        {
            nonces.Fill(nonce);
        }

        Algorithm(cipher).Encrypt(key, nonce, associatedData, plaintext, destination.Slice(nonceSize, plaintext.Length + TagSize));
    }

    /// False when the tag does not verify: wrong key, wrong place (associated data) or damage.
    public static bool Open(StoreCipher cipher, Key key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> sealedData, Span<byte> plaintext)
    {
        var nonceSize = NonceSize(cipher);
        if (sealedData.Length < nonceSize + TagSize)
        {
            return false;
        }

        return Algorithm(cipher).Decrypt(key, sealedData[..nonceSize], associatedData, sealedData[nonceSize..], plaintext[..(sealedData.Length - nonceSize - TagSize)]);
    }
}
