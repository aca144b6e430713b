using System.Security.Cryptography;

namespace Natrium.Grains.Streams.Encryption;

/// Random nonces for sealing records, drawn from a buffer refilled from the system's CSPRNG 4 KiB
/// at a time: one RNG call per ~170 records instead of one per record (each call costs a lock
/// and a getpid in OpenSSL, which dominated the cost of sealing a small record). Nonces stay
/// fully random, so uniqueness does not depend on counters surviving a restart. One owner at a
/// time (a stream's storage), no locking.
internal sealed class NonceSource
{
    private readonly byte[] _pool = new byte[4096];
    private int _next = int.MaxValue;

    public void Fill(Span<byte> nonce)
    {
        if (_next > _pool.Length - nonce.Length)
        {
            RandomNumberGenerator.Fill(_pool);
            _next = 0;
        }

        var source = _pool.AsSpan(_next, nonce.Length);
        source.CopyTo(nonce);

        // A nonce handed out is erased from the pool, so no later read of memory repeats it.
        source.Clear();
        _next += nonce.Length;
    }
}
