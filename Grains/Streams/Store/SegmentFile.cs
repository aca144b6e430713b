using Microsoft.Win32.SafeHandles;

namespace Natrium.Grains.Streams.Store;

/// One segment file as FileStreamStorage tracks it: what is on the OS (Written bytes), what is
/// being written by a pending flush (InFlight) and what is buffered after that (Pending). Offsets
/// are file offsets, so a locator handed out while buffered stays valid once written.
internal sealed class SegmentFile(ulong id, string path, ulong seed, long written)
{
    private const int InitialBuffer = 4096;
    private byte[]? _spare;

    public ulong Id { get; } = id;

    public string Path { get; } = path;

    public ulong Seed { get; } = seed;

    /// Bytes handed to the OS (the file's length as far as this process knows).
    public long Written { get; private set; } = written;

    /// A write started by FlushAsync and not finished yet: its bytes and where they go.
    public byte[]? InFlight { get; private set; }

    public int InFlightLength { get; private set; }

    public byte[] Pending { get; private set; } = [];

    public int PendingLength { get; private set; }

    public SafeFileHandle? Handle { get; set; }

    /// Its file has no valid header: readable as damage only, never appended to.
    public bool Foreign { get; init; }

    /// Passed to DeleteSegment: a pending flush must not write it any more.
    public bool Deleted { get; set; }

    /// Written since the last fsync.
    public bool Unsynced { get; set; }

    /// An fsync of this file is running: its handle must stay open until it ends.
    public bool Syncing { get; set; }

    /// Queued same-length replacements (file offset, whole frame), applied after the appends.
    public List<(long Offset, byte[] Frame)>? Overwrites { get; set; }

    /// Listed for the next flush (appends or overwrites waiting).
    public bool Dirty { get; set; }

    public long InFlightStart => Written;

    public long PendingStart => Written + InFlightLength;

    public long Length => PendingStart + PendingLength;

    /// Room for `length` more bytes at the end of Pending.
    public Span<byte> Reserve(int length)
    {
        if (PendingLength + length > Pending.Length)
        {
            var grown = new byte[Math.Max(Math.Max(InitialBuffer, Pending.Length * 2), PendingLength + length)];
            Pending.AsSpan(0, PendingLength).CopyTo(grown);
            Pending = grown;
        }

        var span = Pending.AsSpan(PendingLength, length);
        PendingLength += length;
        return span;
    }

    /// Moves Pending into flight; the new Pending reuses this file's previous in-flight buffer.
    public void StartWrite()
    {
        InFlight = Pending;
        InFlightLength = PendingLength;
        Pending = _spare ?? [];
        PendingLength = 0;
        _spare = null;
    }

    /// The in-flight bytes are on the OS: account for them and keep the buffer for reuse.
    public void EndWrite()
    {
        Written += InFlightLength;
        _spare = InFlight;
        InFlight = null;
        InFlightLength = 0;
        Unsynced = true;
    }

    /// The write failed: its bytes go back in front of Pending, so that the next flush writes
    /// them again at the same offsets (the locators handed out stay true).
    public void AbortWrite()
    {
        if (InFlight is null)
        {
            return;
        }

        var merged = new byte[InFlightLength + Pending.Length];
        InFlight.AsSpan(0, InFlightLength).CopyTo(merged);
        Pending.AsSpan(0, PendingLength).CopyTo(merged.AsSpan(InFlightLength));
        Pending = merged;
        PendingLength += InFlightLength;
        InFlight = null;
        InFlightLength = 0;
    }

    /// Gives idle buffers back to the GC (a segment that stopped receiving appends).
    public void ReleaseBuffers()
    {
        if (PendingLength == 0)
        {
            Pending = [];
        }

        _spare = null;
    }

    /// Copies `length` bytes at file offset from the buffers when they are not on the OS yet.
    public bool TryCopyBuffered(long offset, Span<byte> destination)
    {
        if (offset >= PendingStart)
        {
            return TryCopy(Pending, PendingLength, offset - PendingStart, destination);
        }

        if (InFlight is not null && offset >= InFlightStart)
        {
            return TryCopy(InFlight, InFlightLength, offset - InFlightStart, destination);
        }

        return false;
    }

    private static bool TryCopy(byte[] buffer, int used, long start, Span<byte> destination)
    {
        if (start + destination.Length > used)
        {
            return false;
        }

        buffer.AsSpan((int)start, destination.Length).CopyTo(destination);
        return true;
    }
}
