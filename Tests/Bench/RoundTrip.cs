using System.Diagnostics;
using System.Net.Sockets;

namespace Natrium.Bench;

// One request in flight at a time: send a frame, read until one more MSG arrived, time it in
// Stopwatch ticks. Used by reqrep and the KV scenarios; Summarise turns the samples into the
// req/s and p50/p90/p99 (µs) figures the report compares.
internal static class RoundTrip
{
    // Sends one request and reads until its reply; returns an error text instead of throwing so
    // a server that stops answering ends the scenario with the figures gathered so far.
    public static string? Once(Connection requester, ReadOnlySpan<byte> frame, TimeSpan timeout, out long ticks)
    {
        ticks = 0;
        long before = requester.Scanner.Msgs;
        long t0 = Stopwatch.GetTimestamp();
        long deadline = t0 + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        try
        {
            requester.Send(frame);
            while (requester.Scanner.Msgs == before)
            {
                if (requester.ReadOnce() == 0 || Stopwatch.GetTimestamp() > deadline)
                {
                    return requester.Scanner.LastError ?? "no reply (connection closed or timed out)";
                }
            }
        }
        catch (SocketException e)
        {
            return $"no reply: {e.SocketErrorCode}";
        }

        ticks = Stopwatch.GetTimestamp() - t0;
        return null;
    }

    // Sorts the samples in place. Sent counts the failed request too, when there was one.
    public static ScenarioResult Summarise(string name, Span<long> samples, CpuSample start, CpuSample end, string? error)
    {
        double window = (end.Ticks - start.Ticks) / (double)Stopwatch.Frequency;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);
        samples.Sort();
        long sent = samples.Length + (error is null ? 0 : 1);
        return new ScenarioResult(name)
        {
            Sent = sent,
            Expected = sent,
            Received = samples.Length,
            Seconds = window,
            Rate = samples.Length / window,
            RateUnit = "req/s",
            PubRate = sent / window,
            P50Micros = Percentile(samples, 0.50),
            P90Micros = Percentile(samples, 0.90),
            P99Micros = Percentile(samples, 0.99),
            BenchCpu = benchCpu,
            ServerCpu = serverCpu,
        };
    }

    public static double? Percentile(ReadOnlySpan<long> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            return null;
        }

        int index = Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1e6 / Stopwatch.Frequency;
    }
}
