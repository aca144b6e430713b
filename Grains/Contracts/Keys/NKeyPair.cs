using System.Security.Cryptography;
using NSec.Cryptography;

namespace Natrium.Contracts.Keys;

/// An Ed25519 NKEY built from a seed (spec/auth.md §7): derives the public key and signs.
/// Used by tests and JWT issuance; the server itself only ever verifies (NKeySignature).
/// Curve (X25519) seeds are not signing keys and are refused.
public sealed class NKeyPair : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private readonly Key key;

    private NKeyPair(NKeyPrefix role, Key key)
    {
        Role = role;
        this.key = key;
        PublicKey = NKeyEncoding.EncodePublicKey(role, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public NKeyPrefix Role { get; }

    /// The encoded public key (U…, A…, O…).
    public string PublicKey { get; }

    /// Decodes an S… seed; throws FormatException when it is not a valid Ed25519 seed.
    public static NKeyPair FromSeed(string seed) =>
        TryFromSeed(seed, out var pair) ? pair : throw new FormatException("Not a valid NKEY seed.");

    public static bool TryFromSeed(string seed, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NKeyPair? pair)
    {
        pair = null;
        if (!NKeySeed.TryDecode(seed, out var role, out var raw))
        {
            return false;
        }

        try
        {
            if (role == NKeyPrefix.Curve)
            {
                return false;
            }

            pair = FromRawSeed(role, raw);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// A fresh random key of the given role, e.g. for tests or a new account.
    public static NKeyPair Create(NKeyPrefix role)
    {
        var raw = RandomNumberGenerator.GetBytes(NKeyEncoding.KeyLength);
        try
        {
            return FromRawSeed(role, raw);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// Builds a key from a raw 32-byte Ed25519 seed (RFC 8032 private key).
    public static NKeyPair FromRawSeed(NKeyPrefix role, ReadOnlySpan<byte> seed)
    {
        if (role == NKeyPrefix.Curve || !NKeySeed.IsPublicRole((byte)role))
        {
            throw new ArgumentException("Only Ed25519 public-key roles can sign.", nameof(role));
        }

        if (seed.Length != NKeyEncoding.KeyLength)
        {
            throw new ArgumentException("An NKEY seed is 32 bytes.", nameof(seed));
        }

        // Export is allowed so that EncodeSeed can hand the seed back (e.g. to write .creds).
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        return new NKeyPair(role, Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey, parameters));
    }

    /// The S… text of this key's seed. It is a secret: never log it.
    public string EncodeSeed()
    {
        var raw = key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return NKeySeed.Encode(Role, raw);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// The 64-byte Ed25519 signature of the message.
    public byte[] Sign(ReadOnlySpan<byte> message) => Algorithm.Sign(key, message);

    public void Dispose() => key.Dispose();
}
