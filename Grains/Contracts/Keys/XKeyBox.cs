using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Natrium.Contracts.Keys;

/// The nkeys xkey box (spec/auth_callout.md §6), byte-compatible with NaCl crypto_box_easy:
/// "xkv1" || 24-byte nonce || Poly1305 tag || XSalsa20 ciphertext. The X25519 agreement is
/// CurveKeyPair's; this file holds the symmetric half: HSalsa20 here (BouncyCastle does not
/// expose it), XSalsa20 and Poly1305 from BouncyCastle.
public static class XKeyBox
{
    public static ReadOnlySpan<byte> Version => "xkv1"u8;

    public const int NonceLength = 24;
    public const int TagLength = 16;
    private const int HeaderLength = 4 + NonceLength;

    /// HSalsa20(key = X25519 result, input = 16 zero bytes): crypto_box_beforenm.
    public static byte[] BoxKey(ReadOnlySpan<byte> agreed)
    {
        Span<uint> state = stackalloc uint[16];
        state[0] = 0x61707865;
        state[5] = 0x3320646e;
        state[10] = 0x79622d32;
        state[15] = 0x6b206574;
        for (var i = 0; i < 4; i++)
        {
            state[1 + i] = BinaryPrimitives.ReadUInt32LittleEndian(agreed[(4 * i)..]);
            state[11 + i] = BinaryPrimitives.ReadUInt32LittleEndian(agreed[(16 + (4 * i))..]);
        }

        // Words 6–9 are the input: zero here. HSalsa20 is Salsa20's 20 rounds without the
        // final addition of the input, keeping words 0, 5, 10, 15 and 6–9.
        Span<uint> x = stackalloc uint[16];
        state.CopyTo(x);
        for (var round = 0; round < 20; round += 2)
        {
            QuarterRound(x, 0, 4, 8, 12);
            QuarterRound(x, 5, 9, 13, 1);
            QuarterRound(x, 10, 14, 2, 6);
            QuarterRound(x, 15, 3, 7, 11);
            QuarterRound(x, 0, 1, 2, 3);
            QuarterRound(x, 5, 6, 7, 4);
            QuarterRound(x, 10, 11, 8, 9);
            QuarterRound(x, 15, 12, 13, 14);
        }

        var key = new byte[32];
        ReadOnlySpan<int> picked = [0, 5, 10, 15, 6, 7, 8, 9];
        for (var i = 0; i < picked.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(key.AsSpan(4 * i), x[picked[i]]);
        }

        x.Clear();
        state.Clear();
        return key;
    }

    /// Salsa20's quarter round on words a, b, c, d (b ^= (a + d) <<< 7, …).
    private static void QuarterRound(Span<uint> x, int a, int b, int c, int d)
    {
        x[b] ^= uint.RotateLeft(x[a] + x[d], 7);
        x[c] ^= uint.RotateLeft(x[b] + x[a], 9);
        x[d] ^= uint.RotateLeft(x[c] + x[b], 13);
        x[a] ^= uint.RotateLeft(x[d] + x[c], 18);
    }

    /// crypto_secretbox with a fresh random nonce, behind the version tag.
    public static byte[] Seal(ReadOnlySpan<byte> plaintext, byte[] boxKey)
    {
        var sealedBox = new byte[HeaderLength + TagLength + plaintext.Length];
        Version.CopyTo(sealedBox);
        var nonce = sealedBox.AsSpan(4, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        var cipher = Stream(boxKey, nonce, out var macKey);
        var ciphertext = sealedBox.AsSpan(HeaderLength + TagLength);
        cipher.ProcessBytes(plaintext, ciphertext);
        Tag(macKey, ciphertext, sealedBox.AsSpan(HeaderLength, TagLength));
        return sealedBox;
    }

    /// Null when the tag, length or version do not check out; nothing is decrypted before the
    /// tag has been verified.
    public static byte[]? Open(ReadOnlySpan<byte> sealedBox, byte[] boxKey)
    {
        if (sealedBox.Length < HeaderLength + TagLength || !sealedBox[..4].SequenceEqual(Version))
        {
            return null;
        }

        var cipher = Stream(boxKey, sealedBox.Slice(4, NonceLength), out var macKey);
        var ciphertext = sealedBox[(HeaderLength + TagLength)..];
        Span<byte> expected = stackalloc byte[TagLength];
        Tag(macKey, ciphertext, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, sealedBox.Slice(HeaderLength, TagLength)))
        {
            return null;
        }

        var plaintext = new byte[ciphertext.Length];
        cipher.ProcessBytes(ciphertext, plaintext);
        return plaintext;
    }

    /// XSalsa20 positioned after its first 32 bytes, which become the one-time Poly1305 key.
    private static XSalsa20Engine Stream(byte[] boxKey, ReadOnlySpan<byte> nonce, out byte[] macKey)
    {
        var cipher = new XSalsa20Engine();
        cipher.Init(true, new ParametersWithIV(new KeyParameter(boxKey), nonce.ToArray()));
        macKey = new byte[32];
        cipher.ProcessBytes(new byte[32], macKey);
        return cipher;
    }

    private static void Tag(byte[] macKey, ReadOnlySpan<byte> ciphertext, Span<byte> tag)
    {
        var mac = new Poly1305();
        mac.Init(new KeyParameter(macKey));
        mac.BlockUpdate(ciphertext);
        mac.DoFinal(tag);
        CryptographicOperations.ZeroMemory(macKey);
    }
}
