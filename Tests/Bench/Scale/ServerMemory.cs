namespace Natrium.Bench.Scale;

// The server's resident set after a settle of fixed length: the memory scenarios read RSS only
// once the server had that long to finish what the last step queued (grain activations, GC).
// A fixed wait, not "until stable": stable never comes for a GC'd heap on a loaded machine.
internal static class ServerMemory
{
    public static double SettledRssMiB(CpuMeter cpu, TimeSpan settle)
    {
        Thread.Sleep(settle);
        return cpu.ServerRssMiB() ?? throw new InvalidOperationException("memory scenarios need --server-pid of a running server");
    }

    public static double BytesPerItem(double beforeMiB, double afterMiB, long items) =>
        items > 0 ? (afterMiB - beforeMiB) * 1024 * 1024 / items : 0;
}
