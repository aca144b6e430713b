namespace Natrium.Gateway.Connections;

/// The size of a client's read buffer, adapted as nats-server adapts its own (start small,
/// double when a read fills the buffer, halve after a run of short reads): an idle client or
/// one that sends little holds 512 bytes, a publisher streaming data reads 64 KiB at a time.
/// A fixed 64 KiB buffer would be held by every idle connection while its read waits.
internal struct ReadBufferSize
{
    public const int Min = 512;
    public const int Max = 64 * 1024;

    /// Short reads in a row before the buffer halves: slow, so that bursty traffic does not
    /// make the size swing back and forth.
    private const int ShortReadsToShrink = 64;

    private int _shortReads;

    public ReadBufferSize()
    {
        Current = Min;
    }

    public int Current { get; private set; }

    /// Records one read that left `buffered` bytes to parse.
    public void Observe(long buffered)
    {
        if (buffered >= Current && Current < Max)
        {
            Current *= 2;
            _shortReads = 0;
        }
        else if (buffered >= Current / 4 || Current == Min)
        {
            _shortReads = 0;
        }
        else if (++_shortReads == ShortReadsToShrink)
        {
            Current /= 2;
            _shortReads = 0;
        }
    }
}
