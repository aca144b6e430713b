using System.Buffers;

namespace Natrium.Gateway.Connections;

/// One client's source of read buffers: each one rented from the shared array pool at the
/// size ReadBufferSize settles on, so a change applies to the very next read (a large message
/// arriving in 512-byte reads makes the next ones double at once).
internal sealed class ReadBufferPool : MemoryPool<byte>
{
    private ReadBufferSize _size = new();

    public override int MaxBufferSize => ReadBufferSize.Max;

    /// Records one read that left `buffered` bytes to parse (the read loop's thread only).
    public void Observe(long buffered) => _size.Observe(buffered);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) => new Rented(Math.Max(minBufferSize, _size.Current));

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Rented(int size) : IMemoryOwner<byte>
    {
        private byte[]? _array = ArrayPool<byte>.Shared.Rent(size);

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Rented));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } array)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }
    }
}
