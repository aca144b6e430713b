using System.Buffers.Binary;

namespace Natrium.Contracts.Keys;

/// The NKEY text form of a public key: base32(prefix byte, 32 key bytes, CRC16 little-endian).
public static class NKeyEncoding
{
    public const int KeyLength = 32;

    public static string EncodePublicKey(NKeyPrefix prefix, ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyLength)
        {
            throw new ArgumentException("An NKEY public key is 32 bytes.", nameof(key));
        }

        Span<byte> raw = stackalloc byte[1 + KeyLength + 2];
        raw[0] = (byte)prefix;
        key.CopyTo(raw[1..]);
        BinaryPrimitives.WriteUInt16LittleEndian(raw[(1 + KeyLength)..], Crc16.Compute(raw[..(1 + KeyLength)]));
        return Base32.Encode(raw);
    }

    /// Decodes a public NKEY of the expected role; false on any malformation or bad checksum.
    public static bool TryDecodePublicKey(string text, NKeyPrefix expected, out byte[] key) =>
        TryDecodePublicKey(text, out var role, out key) && role == expected;

    /// Decodes a public NKEY of any public role (not a seed or private key).
    public static bool TryDecodePublicKey(string text, out NKeyPrefix role, out byte[] key)
    {
        role = default;
        key = [];
        var raw = Base32.Decode(text);
        if (raw is null || raw.Length != 1 + KeyLength + 2 || !NKeySeed.IsPublicRole(raw[0]))
        {
            return false;
        }

        var checksum = BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(1 + KeyLength));
        if (checksum != Crc16.Compute(raw.AsSpan(0, 1 + KeyLength)))
        {
            return false;
        }

        role = (NKeyPrefix)raw[0];
        key = raw[1..(1 + KeyLength)];
        return true;
    }
}
