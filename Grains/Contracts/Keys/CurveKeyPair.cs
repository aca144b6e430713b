using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Natrium.Contracts.Keys;

/// An X25519 curve key (nkeys "xkey", spec/auth_callout.md §6): the public half encodes as X…,
/// the seed as SX… holding the raw 32-byte private scalar. Seals and opens XKeyBox messages.
public sealed class CurveKeyPair : IDisposable
{
    private static readonly KeyAgreementAlgorithm Algorithm = KeyAgreementAlgorithm.X25519;
    private readonly Key key;

    private CurveKeyPair(Key key)
    {
        this.key = key;
        PublicKey = NKeyEncoding.EncodePublicKey(NKeyPrefix.Curve, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// The encoded public key (X…).
    public string PublicKey { get; }

    public static CurveKeyPair Create()
    {
        var scalar = RandomNumberGenerator.GetBytes(NKeyEncoding.KeyLength);
        try
        {
            return FromRawSeed(scalar);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    /// From an SX… seed; false for anything else.
    public static bool TryFromSeed(string seed, [NotNullWhen(true)] out CurveKeyPair? pair)
    {
        pair = null;
        if (!NKeySeed.TryDecode(seed, out var role, out var scalar))
        {
            return false;
        }

        try
        {
            if (role != NKeyPrefix.Curve)
            {
                return false;
            }

            pair = FromRawSeed(scalar);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    private static CurveKeyPair FromRawSeed(ReadOnlySpan<byte> scalar) =>
        new(Key.Import(Algorithm, scalar, KeyBlobFormat.RawPrivateKey));

    /// Seals plaintext to the recipient's X… key (nkeys Seal); null when the key is not a curve key.
    public byte[]? Seal(ReadOnlySpan<byte> plaintext, string recipient)
    {
        var shared = SharedKey(recipient);
        if (shared is null)
        {
            return null;
        }

        try
        {
            return XKeyBox.Seal(plaintext, shared);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    /// Opens a box the sender's X… key sealed to us (nkeys Open); null when it does not open.
    public byte[]? Open(ReadOnlySpan<byte> sealedBox, string sender)
    {
        var shared = SharedKey(sender);
        if (shared is null)
        {
            return null;
        }

        try
        {
            return XKeyBox.Open(sealedBox, shared);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    /// crypto_box's key: HSalsa20 of the X25519 result. Null for a malformed peer key or a
    /// low-order point (all-zero agreement), which NSec refuses.
    private byte[]? SharedKey(string peer)
    {
        if (!NKeyEncoding.TryDecodePublicKey(peer, NKeyPrefix.Curve, out var raw))
        {
            return null;
        }

        var peerKey = NSec.Cryptography.PublicKey.Import(Algorithm, raw, KeyBlobFormat.RawPublicKey);
        using var secret = Algorithm.Agree(key, peerKey, new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        if (secret is null)
        {
            return null;
        }

        var agreed = secret.Export(SharedSecretBlobFormat.RawSharedSecret);
        try
        {
            return XKeyBox.BoxKey(agreed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(agreed);
        }
    }

    public void Dispose() => key.Dispose();
}
