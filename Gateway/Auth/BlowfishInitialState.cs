using System.Numerics;

namespace Natrium.Gateway.Auth;

/// Blowfish's initial P-array and S-boxes: the first 1042 32-bit words of the fractional part
/// of pi in hexadecimal (0x243F6A88, 0x85A308D3, …). Computed once with Machin's formula instead
/// of carrying a 1042-entry table in source; the bcrypt tests pin it against BouncyCastle.
internal static class BlowfishInitialState
{
    /// P (18 words) followed by S0..S3 (256 words each), the layout EksBlowfish works on.
    public const int Words = 18 + (4 * 256);

    private const int GuardBits = 64;

    public static ReadOnlySpan<uint> Pi => Table;

    private static readonly uint[] Table = ComputePiFraction(Words);

    private static uint[] ComputePiFraction(int words)
    {
        var bits = (words * 32) + GuardBits;
        var one = BigInteger.One << bits;

        // pi = 16 arctan(1/5) - 4 arctan(1/239), in fixed point with `bits` fraction bits.
        var pi = (16 * ArcTanOfInverse(5, one)) - (4 * ArcTanOfInverse(239, one));
        var fraction = (pi - (3 * one)) >> GuardBits;
        var bytes = fraction.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length != words * 4)
        {
            throw new InvalidOperationException("pi fraction has an unexpected width");
        }

        var table = new uint[words];
        for (var i = 0; i < words; i++)
        {
            table[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i * 4, 4));
        }

        return table;
    }

    // arctan(1/x) = 1/x - 1/(3x^3) + 1/(5x^5) - …, each term truncated; the guard bits absorb
    // the accumulated truncation error.
    private static BigInteger ArcTanOfInverse(int x, BigInteger one)
    {
        var power = one / x;
        var sum = power;
        var square = x * x;
        for (var k = 1; !power.IsZero; k++)
        {
            power /= square;
            var term = power / ((2 * k) + 1);
            sum = (k & 1) == 1 ? sum - term : sum + term;
        }

        return sum;
    }
}
