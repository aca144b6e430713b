using System.Diagnostics;
using System.Net;

namespace Natrium.Bench.Scale;

// The round trip of one more client while the server holds a scale scenario's load: it
// connects, then sends PING and waits for PONG `Count` times; median and p99 in µs.
internal static class PingProbe
{
    private const int Count = 200;

    public static (double P50, double P99) Measure(IPEndPoint server)
    {
        using var client = Connection.Open(server, BenchOptions.IoTimeout);
        var micros = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            long began = Stopwatch.GetTimestamp();
            client.Flush(BenchOptions.IoTimeout);
            micros[i] = Stopwatch.GetElapsedTime(began).TotalMicroseconds;
        }

        Array.Sort(micros);
        return (micros[Count / 2], micros[(int)(Count * 0.99)]);
    }
}
