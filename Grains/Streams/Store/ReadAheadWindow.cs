using Microsoft.Win32.SafeHandles;

namespace Natrium.Grains.Streams.Store;

/// The last block read from one segment file: a consumer reading old messages in order gets
/// one pread per block instead of one per message. Written bytes of a segment never change
/// except by an overwrite (secure erase) or a rewrite, which forget the block.
internal sealed class ReadAheadWindow
{
    private const int BlockBytes = 64 * 1024;

    private byte[]? _block;
    private ulong _segment;
    private long _offset = -1;
    private int _length;

    /// Copies `destination.Length` bytes at offset of the segment, reading a new block when the
    /// current one does not hold them. False when the file holds fewer bytes than asked.
    public bool TryRead(ulong segment, SafeFileHandle handle, long offset, long fileLength, Span<byte> destination)
    {
        if (Holds(segment, offset, destination.Length))
        {
            _block.AsSpan((int)(offset - _offset), destination.Length).CopyTo(destination);
            return true;
        }

        if (destination.Length > BlockBytes)
        {
            return RandomAccess.Read(handle, destination, offset) == destination.Length;
        }

        _block ??= new byte[BlockBytes];
        var wanted = (int)Math.Min(BlockBytes, fileLength - offset);
        _length = wanted <= 0 ? 0 : RandomAccess.Read(handle, _block.AsSpan(0, wanted), offset);
        (_segment, _offset) = (segment, offset);
        if (!Holds(segment, offset, destination.Length))
        {
            Forget();
            return false;
        }

        _block.AsSpan(0, destination.Length).CopyTo(destination);
        return true;
    }

    /// The segment's bytes changed (overwrite, rewrite, truncation, deletion).
    public void Forget(ulong segment)
    {
        if (_segment == segment)
        {
            Forget();
        }
    }

    public void Forget()
    {
        _offset = -1;
        _length = 0;
    }

    private bool Holds(ulong segment, long offset, int length) =>
        _offset >= 0 && _segment == segment && offset >= _offset && offset + length <= _offset + _length;
}
