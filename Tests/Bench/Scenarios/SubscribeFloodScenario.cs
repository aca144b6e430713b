using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Natrium.Bench.Scenarios;

// A client that streams SUBs without PING (issue #10.5): one connection sends `Count` SUBs on
// distinct subjects in large writes, then one PING. Rate = SUBs per second until the PONG;
// p50 = how long the PONG took after the PING (the server's backlog of interest work).
// The subscriptions are removed when the connection closes, outside the measured window.
internal sealed record SubscribeFloodScenario(string Name, int Count) : IScenario
{
    private const int SubsPerWrite = 10_000;

    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        TimeSpan timeout = TimeSpan.FromSeconds(120);
        using var client = Connection.Open(options.Endpoint, BenchOptions.IoTimeout);
        var prefix = "bench.subs." + Guid.NewGuid().ToString("N")[..8] + ".";
        var writes = new List<byte[]>();
        for (var first = 0; first < Count; first += SubsPerWrite)
        {
            var text = new StringBuilder();
            for (var i = first; i < Math.Min(Count, first + SubsPerWrite); i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"SUB {prefix}{i} {i + 1}\r\n");
            }

            writes.Add(Encoding.ASCII.GetBytes(text.ToString()));
        }

        CpuSample start = cpu.Sample();
        foreach (var write in writes)
        {
            client.Send(write);
        }

        long pingAt = Stopwatch.GetTimestamp();
        client.Flush(timeout);
        CpuSample end = cpu.Sample();

        double window = (end.Ticks - start.Ticks) / (double)Stopwatch.Frequency;
        double pongMicros = (end.Ticks - pingAt) * 1e6 / Stopwatch.Frequency;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);
        return new ScenarioResult(Name)
        {
            Sent = Count,
            Seconds = window,
            Rate = Count / window,
            RateUnit = "subs/s",
            P50Micros = pongMicros,
            P90Micros = pongMicros,
            P99Micros = pongMicros,
            BenchCpu = benchCpu,
            ServerCpu = serverCpu,
            Note = string.Create(CultureInfo.InvariantCulture, $"PONG {pongMicros / 1000:0.0} ms after {Count} SUBs"),
        };
    }
}
