namespace Natrium.Gateway.Routing;

/// A count bumped on the message path by many threads at once and read rarely (monitoring).
/// Each core adds into its own cache line with a plain increment: no lock prefix, no line
/// shared between cores. Relaxed: an increment can be lost in the rare case where a thread
/// moves to another core between reading and writing its cell while a thread there counts
/// too; good enough for statistics, never for accounting.
internal sealed class RelaxedCounter
{
    // 64-byte lines: 8 longs apart, with an empty line in front so cell 0 shares no line with
    // the array's header.
    private const int Stride = 8;

    private readonly long[] _cells;
    private readonly int _mask;

    public RelaxedCounter()
    {
        var stripes = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount);
        _cells = new long[(stripes + 1) * Stride];
        _mask = stripes - 1;
    }

    public void Increment() => _cells[((Thread.GetCurrentProcessorId() & _mask) + 1) * Stride]++;

    public long Value
    {
        get
        {
            long total = 0;
            for (var i = Stride; i < _cells.Length; i += Stride)
            {
                total += Volatile.Read(ref _cells[i]);
            }

            return total;
        }
    }
}
