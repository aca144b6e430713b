using System.Buffers.Text;
using NSec.Cryptography;

namespace Natrium.Contracts.Keys;

/// Verifies an Ed25519 signature made by the holder of a public NKEY (spec/auth.md §6).
public static class NKeySignature
{
    public const int SignatureLength = 64;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// True when signature (base64url without padding, or standard base64 with padding, as
    /// nats-server accepts) is a valid signature of message by publicNkey. Any malformed
    /// input is simply false.
    public static bool Verify(string publicNkey, ReadOnlySpan<byte> message, string signature)
    {
        // Callers pass client text straight from CONNECT; be null-tolerant rather than throw.
        if (publicNkey is null || signature is null)
        {
            return false;
        }

        Span<byte> sig = stackalloc byte[SignatureLength];
        return TryDecodeSignature(signature, sig) && Verify(publicNkey, message, sig);
    }

    /// Verifies a signature given as raw bytes.
    public static bool Verify(string publicNkey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength ||
            !NKeyEncoding.TryDecodePublicKey(publicNkey, out var role, out var raw) || role == NKeyPrefix.Curve ||
            !PublicKey.TryImport(Algorithm, raw, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return false;
        }

        return Algorithm.Verify(key, message, signature);
    }

    /// URL alphabet without padding first, then standard alphabet with padding (nats-server
    /// tries RawURLEncoding, then StdEncoding). Only a 64-byte result counts.
    private static bool TryDecodeSignature(string text, Span<byte> destination)
    {
        // 64 bytes are 86 characters unpadded, 88 padded; anything else cannot be a signature.
        if (text.Length is not (86 or 88))
        {
            return false;
        }

        if (text.Length == 86 && Base64Url.IsValid(text) &&
            Base64Url.TryDecodeFromChars(text, destination, out var written) && written == SignatureLength)
        {
            return true;
        }

        return text.Length == 88 &&
            Convert.TryFromBase64String(text, destination, out written) && written == SignatureLength;
    }
}
