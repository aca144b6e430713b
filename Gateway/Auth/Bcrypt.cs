using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Natrium.Gateway.Auth;

/// Checks a password against a bcrypt hash `$2?$cc$<22 salt chars><31 hash chars>` the way Go's
/// x/crypto/bcrypt does for nats-server: the minor version letter is ignored, the key is the
/// UTF-8 password plus a NUL used cyclically (so only its first 72 bytes count), cost 4..31, and
/// the encoded hash is compared in constant time. Our own EksBlowfish because bcrypt is all of
/// a connection's cost under a bcrypt password and a general-purpose port was 20% slower than Go.
internal static class Bcrypt
{
    private const int PrefixLength = 7;          // $2a$11$
    private const int SaltChars = 22;            // 16 bytes
    private const int HashChars = 31;            // 23 bytes: bcrypt encodes only 23 of its 24
    public const int Length = PrefixLength + SaltChars + HashChars;
    private const int MinCost = 4;
    private const int MaxCost = 31;
    private const int KeyStackLimit = 256;

    // "OrpheanBeholderScryDoubt", the block bcrypt encrypts 64 times, as big-endian words.
    private static ReadOnlySpan<byte> MagicText => "OrpheanBeholderScryDoubt"u8;

    /// nats-server's isBcrypt: ^\$2[abxy]\$\d{2}\$ (ASCII digits only, as Go's \d).
    public static bool HasPrefix(string? secret) =>
        secret is { Length: >= PrefixLength } s &&
        s[0] == '$' && s[1] == '2' && s[2] is 'a' or 'b' or 'x' or 'y' && s[3] == '$' &&
        char.IsAsciiDigit(s[4]) && char.IsAsciiDigit(s[5]) && s[6] == '$';

    /// False for any malformed hash (prefix, length, cost, salt or hash alphabet); never throws.
    public static bool Verify(string hash, string password)
    {
        if (hash.Length != Length || !HasPrefix(hash))
        {
            return false;
        }

        var cost = ((hash[4] - '0') * 10) + (hash[5] - '0');
        Span<byte> salt = stackalloc byte[16];
        if (cost is < MinCost or > MaxCost || !BcryptBase64.TryDecode(hash.AsSpan(PrefixLength, SaltChars), salt))
        {
            return false;
        }

        Span<byte> computed = stackalloc byte[HashChars];
        Compute(password, cost, salt, computed);
        Span<byte> stored = stackalloc byte[HashChars];
        for (var i = 0; i < HashChars; i++)
        {
            // Non-ASCII chars become 0, which the encoder never produces: a mismatch, as in Go.
            var c = hash[PrefixLength + SaltChars + i];
            stored[i] = c < 128 ? (byte)c : (byte)0;
        }

        return CryptographicOperations.FixedTimeEquals(computed, stored);
    }

    /// Writes the 31 encoded hash characters of bcrypt(password, cost, salt) into `encoded`.
    public static void Compute(string password, int cost, ReadOnlySpan<byte> salt, Span<byte> encoded)
    {
        Span<uint> keyWords = stackalloc uint[18];
        CycledKeyWords(password, keyWords);
        Span<uint> saltWords = stackalloc uint[4];
        for (var i = 0; i < 4; i++)
        {
            saltWords[i] = BinaryPrimitives.ReadUInt32BigEndian(salt.Slice(i * 4, 4));
        }

        Span<uint> state = stackalloc uint[BlowfishInitialState.Words];
        EksBlowfish.Setup(state, cost, keyWords, saltWords);

        Span<uint> text = stackalloc uint[6];
        for (var i = 0; i < 6; i++)
        {
            text[i] = BinaryPrimitives.ReadUInt32BigEndian(MagicText.Slice(i * 4, 4));
        }

        ref var s = ref state[0];
        for (var block = 0; block < 6; block += 2)
        {
            for (var round = 0; round < 64; round++)
            {
                EksBlowfish.Encrypt(ref s, ref text[block], ref text[block + 1]);
            }
        }

        Span<byte> raw = stackalloc byte[24];
        for (var i = 0; i < 6; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(raw.Slice(i * 4, 4), text[i]);
        }

        BcryptBase64.Encode(raw[..23], encoded);
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(state));
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(keyWords));
    }

    // The key is password || NUL, repeated; the P-array takes its first 72 bytes as 18 words.
    private static void CycledKeyWords(string password, Span<uint> words)
    {
        var length = Encoding.UTF8.GetByteCount(password) + 1;
        byte[]? rented = null;
        var key = length <= KeyStackLimit ? stackalloc byte[length] : (rented = new byte[length]);
        try
        {
            Encoding.UTF8.GetBytes(password, key);
            key[^1] = 0;
            var at = 0;
            for (var w = 0; w < words.Length; w++)
            {
                uint word = 0;
                for (var b = 0; b < 4; b++)
                {
                    word = (word << 8) | key[at];
                    at = at + 1 == length ? 0 : at + 1;
                }

                words[w] = word;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
