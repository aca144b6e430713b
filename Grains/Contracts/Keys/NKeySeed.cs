using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Natrium.Contracts.Keys;

/// The text form of an NKEY seed (spec/auth.md §7): base32 of two prefix bytes, the 32-byte
/// raw seed and a CRC16 (little-endian). The first byte carries the seed flag (0x90) and the top
/// 3 bits of the role; the second byte the role's low 5 bits, so seeds read SU…, SA…, SO….
public static class NKeySeed
{
    public const int EncodedLength = 58;

    private const int RawLength = 2 + NKeyEncoding.KeyLength + 2;

    public static string Encode(NKeyPrefix role, ReadOnlySpan<byte> seed)
    {
        if (seed.Length != NKeyEncoding.KeyLength)
        {
            throw new ArgumentException("An NKEY seed is 32 bytes.", nameof(seed));
        }

        if (!IsPublicRole((byte)role))
        {
            throw new ArgumentException("A seed must be for a public key role.", nameof(role));
        }

        Span<byte> raw = stackalloc byte[RawLength];
        raw[0] = (byte)((byte)NKeyPrefix.Seed | ((byte)role >> 5));
        raw[1] = (byte)(((byte)role & 0x1F) << 3);
        seed.CopyTo(raw[2..]);
        BinaryPrimitives.WriteUInt16LittleEndian(raw[(2 + NKeyEncoding.KeyLength)..], Crc16.Compute(raw[..(2 + NKeyEncoding.KeyLength)]));
        var text = Base32.Encode(raw);
        CryptographicOperations.ZeroMemory(raw);
        return text;
    }

    /// Decodes a seed; false on bad base32, length, checksum, seed flag or role. The caller
    /// owns the returned seed bytes and should zero them when done.
    public static bool TryDecode(ReadOnlySpan<char> text, out NKeyPrefix role, out byte[] seed)
    {
        role = default;
        seed = [];
        var raw = Base32.Decode(text);
        if (raw is null)
        {
            return false;
        }

        try
        {
            if (raw.Length != RawLength)
            {
                return false;
            }

            var body = raw.AsSpan(0, 2 + NKeyEncoding.KeyLength);
            if (BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(body.Length)) != Crc16.Compute(body))
            {
                return false;
            }

            if ((raw[0] & 0xF8) != (byte)NKeyPrefix.Seed)
            {
                return false;
            }

            var type = (byte)(((raw[0] & 0x07) << 5) | ((raw[1] & 0xF8) >> 3));
            if (!IsPublicRole(type))
            {
                return false;
            }

            role = (NKeyPrefix)type;
            seed = raw[2..(2 + NKeyEncoding.KeyLength)];
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// The roles a seed may carry (nkeys checkValidPublicPrefixByte): not seed or private.
    internal static bool IsPublicRole(byte prefix) => prefix is
        (byte)NKeyPrefix.Server or (byte)NKeyPrefix.Cluster or (byte)NKeyPrefix.Operator or
        (byte)NKeyPrefix.Account or (byte)NKeyPrefix.User or (byte)NKeyPrefix.Curve;
}
