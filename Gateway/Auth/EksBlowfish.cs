using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Natrium.Gateway.Auth;

/// The expensive key schedule of bcrypt (Provos and Mazières, "A Future-Adaptable Password
/// Scheme", 1999) and the Blowfish block function it is built on. The state is P (18 words)
/// followed by the four S-boxes, in one span, so "expand the state" is one pass over 521 pairs.
/// Reads go through Unsafe.Add because every index is a byte of the block (always below 256)
/// or a bounded loop counter; this loop is where all of bcrypt's cost lies. The loops are
/// compiled optimised from the first call: a fresh server's first logins must not run tier-0 code.
internal static class EksBlowfish
{
    private const int PWords = 18;
    private const int S1 = PWords + 256;
    private const int S2 = PWords + 512;
    private const int S3 = PWords + 768;

    /// Sets `state` to EksBlowfishSetup(cost, salt, key): the salted expansion, then
    /// 2^cost rounds of expanding with the key and with the salt.
    /// keyWords: the first 18 big-endian words of the cycled key; saltWords: the 4 salt words.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Setup(Span<uint> state, int cost, ReadOnlySpan<uint> keyWords, ReadOnlySpan<uint> saltWords)
    {
        BlowfishInitialState.Pi.CopyTo(state);
        ref var s = ref MemoryMarshal.GetReference(state);
        ref var key = ref MemoryMarshal.GetReference(keyWords[..PWords]);
        ref var salt = ref MemoryMarshal.GetReference(saltWords[..4]);

        XorP(ref s, ref key, 18);
        ExpandWithSalt(ref s, ref salt);
        for (long round = 1L << cost; round > 0; round--)
        {
            XorP(ref s, ref key, 18);
            Expand(ref s);
            XorP(ref s, ref salt, 4);
            Expand(ref s);
        }
    }

    /// Encrypts one 64-bit block (left, right) with the state, in place.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Encrypt(ref uint s, ref uint left, ref uint right)
    {
        var l = left ^ s;
        var r = right;
        r = r ^ Unsafe.Add(ref s, 1) ^ F(ref s, l);
        l = l ^ Unsafe.Add(ref s, 2) ^ F(ref s, r);
        r = r ^ Unsafe.Add(ref s, 3) ^ F(ref s, l);
        l = l ^ Unsafe.Add(ref s, 4) ^ F(ref s, r);
        r = r ^ Unsafe.Add(ref s, 5) ^ F(ref s, l);
        l = l ^ Unsafe.Add(ref s, 6) ^ F(ref s, r);
        r = r ^ Unsafe.Add(ref s, 7) ^ F(ref s, l);
        l = l ^ Unsafe.Add(ref s, 8) ^ F(ref s, r);
        r = r ^ Unsafe.Add(ref s, 9) ^ F(ref s, l);
        l = l ^ Unsafe.Add(ref s, 10) ^ F(ref s, r);
        r = r ^ Unsafe.Add(ref s, 11) ^ F(ref s, l);
        l = l ^ Unsafe.Add(ref s, 12) ^ F(ref s, r);
        r = r ^ Unsafe.Add(ref s, 13) ^ F(ref s, l);
        l = l ^ Unsafe.Add(ref s, 14) ^ F(ref s, r);
        r = r ^ Unsafe.Add(ref s, 15) ^ F(ref s, l);
        l = l ^ Unsafe.Add(ref s, 16) ^ F(ref s, r);
        left = r ^ Unsafe.Add(ref s, 17);
        right = l;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint F(ref uint s, uint x) =>
        ((Unsafe.Add(ref Unsafe.Add(ref s, PWords), (nint)(x >> 24))
            + Unsafe.Add(ref Unsafe.Add(ref s, S1), (nint)(byte)(x >> 16)))
            ^ Unsafe.Add(ref Unsafe.Add(ref s, S2), (nint)(byte)(x >> 8)))
        + Unsafe.Add(ref Unsafe.Add(ref s, S3), (nint)(byte)x);

    // P[i] ^= words[i mod period], the key (or salt) folded into the P-array.
    private static void XorP(ref uint s, ref uint words, int period)
    {
        for (nint i = 0; i < PWords; i++)
        {
            Unsafe.Add(ref s, i) ^= Unsafe.Add(ref words, i % period);
        }
    }

    // Re-derives the whole state by chaining encryptions of a zero block through it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Expand(ref uint s)
    {
        uint l = 0, r = 0;
        for (nint i = 0; i < BlowfishInitialState.Words; i += 2)
        {
            Encrypt(ref s, ref l, ref r);
            Unsafe.Add(ref s, i) = l;
            Unsafe.Add(ref s, i + 1) = r;
        }
    }

    // As Expand, but the salt is mixed into the block before each encryption. The salt stream
    // runs on across P and the S-boxes, so state word i always meets salt word i mod 4.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ExpandWithSalt(ref uint s, ref uint salt)
    {
        uint l = 0, r = 0;
        for (nint i = 0; i < BlowfishInitialState.Words; i += 2)
        {
            l ^= Unsafe.Add(ref salt, i & 3);
            r ^= Unsafe.Add(ref salt, (i + 1) & 3);
            Encrypt(ref s, ref l, ref r);
            Unsafe.Add(ref s, i) = l;
            Unsafe.Add(ref s, i + 1) = r;
        }
    }
}
