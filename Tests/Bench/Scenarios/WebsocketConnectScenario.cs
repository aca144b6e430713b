using System.Diagnostics;
using System.Net.WebSockets;

namespace Natrium.Bench.Scenarios;

// ws-connect: connection setup over WebSocket — TCP connect, HTTP upgrade, INFO, CONNECT,
// PING, PONG, close — over and over from a few threads, as ConnectScenario does for TCP.
// Reports connections/s, p50/p90/p99 of one setup, and the server's CPU per connection.
internal sealed record WebsocketConnectScenario(string Name) : IScenario
{
    private const int Workers = 4;

    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        var url = options.WebsocketUrl ?? throw new ArgumentException("--ws-url is needed");
        var timings = new System.Collections.Concurrent.ConcurrentBag<List<double>>();
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
                    using (WsConnection.Open(url, BenchOptions.IoTimeout))
                    {
                    }

                    mine.Add(Stopwatch.GetElapsedTime(began).TotalMicroseconds);
                    Interlocked.Increment(ref done);
                }
                catch (Exception e) when (e is IOException or WebSocketException or OperationCanceledException)
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
        return new ScenarioResult(Name)
        {
            P50Micros = Percentile(sorted, 0.50),
            P90Micros = Percentile(sorted, 0.90),
            P99Micros = Percentile(sorted, 0.99),
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
