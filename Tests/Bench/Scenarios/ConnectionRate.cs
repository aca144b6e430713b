using System.Collections.Concurrent;
using System.Diagnostics;

namespace Natrium.Bench.Scenarios;

// The connection-setup measurement the connect scenarios share: a few threads open and close
// connections until the window ends; connections/s, p50/p90/p99 of one setup, the server's
// CPU per connection, and failed attempts reported as "lost".
internal static class ConnectionRate
{
    private const int Workers = 4;

    public static ScenarioResult Measure(string name, BenchOptions options, CpuMeter cpu, Action connectOnce, Func<Exception, bool> isFailure)
    {
        var timings = new ConcurrentBag<List<double>>();
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Limit.Seconds * Stopwatch.Frequency);
        long done = 0;
        long failed = 0;
        CpuSample start = cpu.Sample();
        var threads = Enumerable.Range(0, Workers).Select(_ => new Thread(() =>
        {
            var mine = new List<double>();
            timings.Add(mine);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                try
                {
                    var began = Stopwatch.GetTimestamp();
                    connectOnce();
                    mine.Add(Stopwatch.GetElapsedTime(began).TotalMicroseconds);
                    Interlocked.Increment(ref done);
                }
                catch (Exception e) when (isFailure(e))
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        CpuSample end = cpu.Sample();
        double window = (end.Ticks - start.Ticks) / (double)Stopwatch.Frequency;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);
        var sorted = timings.SelectMany(t => t).Order().ToArray();
        return new ScenarioResult(name)
        {
            P50Micros = Percentile(sorted, 0.50),
            P90Micros = Percentile(sorted, 0.90),
            P99Micros = Percentile(sorted, 0.99),
            // "lost" in the report = connection attempts that failed.
            Sent = done + failed,
            Expected = done + failed,
            Received = done,
            Seconds = window,
            Rate = done / window,
            RateUnit = "connections/s",
            BenchCpu = benchCpu,
            ServerCpu = serverCpu,
            ServerMicrosPerOp = CpuMeter.MicrosPerOp(start, end, done),
        };
    }

    private static double? Percentile(double[] sorted, double p) => sorted.Length == 0 ? null : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
}
