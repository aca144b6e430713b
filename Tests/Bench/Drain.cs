using System.Diagnostics;

namespace Natrium.Bench;

// After publishing: wait until subscribers received everything, or stopped increasing, or a
// hard bound passed. Returns the CPU sample taken at the last observed progress, so the CPU
// window ends where delivery ended rather than after the idle stall detection.
internal static class Drain
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    public static CpuSample Wait(Func<long> received, long expected, CpuMeter cpu)
    {
        var clock = Stopwatch.StartNew();
        long last = received();
        CpuSample atProgress = cpu.Sample();
        TimeSpan lastProgress = TimeSpan.Zero;
        while (last < expected && clock.Elapsed < MaxWait && clock.Elapsed - lastProgress < Stall)
        {
            Thread.Sleep(Poll);
            long now = received();
            if (now != last)
            {
                last = now;
                lastProgress = clock.Elapsed;
                atProgress = cpu.Sample();
            }
        }

        return atProgress;
    }
}
