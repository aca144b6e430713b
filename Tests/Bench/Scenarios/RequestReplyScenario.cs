using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Natrium.Bench.Scenarios;

// Request/reply latency: one responder connection echoing, one requester sending sequential
// requests (next one only after the reply arrived) and timing each with Stopwatch ticks.
// Headline rate = requests/s; p50/p90/p99 are round-trip times in µs.
internal sealed record RequestReplyScenario(string Name, int PayloadSize) : IScenario
{
    private const string Subject = "bench.req";
    private const string Inbox = "_INBOX.bench.reply";
    private const int WarmupRequests = 200;
    private const int MaxSamples = 4_000_000;

    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        TimeSpan timeout = BenchOptions.IoTimeout;
        var echo = new EchoResponder();
        using var responder = Connection.Open(options.Endpoint, timeout, echo);
        responder.Subscribe(Subject, queueGroup: null, sid: 1, timeout);
        responder.StartReader("responder");

        using var requester = Connection.Open(options.Endpoint, timeout, publisher: true);
        requester.Subscribe(Inbox, queueGroup: null, sid: 1, timeout);
        byte[] frame = BuildRequest();

        string? error = null;
        for (int i = 0; i < WarmupRequests && error is null; i++)
        {
            error = Request(requester, frame, timeout, out _);
        }

        var samples = new long[(int)Math.Min(options.Limit.Messages ?? MaxSamples, MaxSamples)];
        int count = 0;
        CpuSample start = cpu.Sample();
        while (error is null && count < samples.Length && !options.Limit.Reached(count, start.Ticks))
        {
            error = Request(requester, frame, timeout, out samples[count]);
            if (error is null)
            {
                count++;
            }
        }

        CpuSample end = cpu.Sample();
        return Summarise(samples.AsSpan(0, count), start, end, error, responder.ReaderError);
    }

    private ScenarioResult Summarise(Span<long> samples, CpuSample start, CpuSample end, string? error, string? responderError)
    {
        double window = (end.Ticks - start.Ticks) / (double)Stopwatch.Frequency;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);
        samples.Sort();
        long sent = samples.Length + (error is null ? 0 : 1);
        return new ScenarioResult(Name)
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
            Note = error ?? (responderError is null ? null : "responder closed: " + responderError),
        };
    }

    // Sends one request and reads until its reply; returns an error text instead of throwing so
    // a server that stops answering ends the scenario with the figures gathered so far.
    private static string? Request(Connection requester, byte[] frame, TimeSpan timeout, out long ticks)
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

    private byte[] BuildRequest()
    {
        var frame = new List<byte>(Encoding.ASCII.GetBytes($"PUB {Subject} {Inbox} {PayloadSize}\r\n"));
        frame.AddRange(Enumerable.Range(0, PayloadSize).Select(i => (byte)('a' + (i % 26))));
        frame.AddRange("\r\n"u8.ToArray());
        return [.. frame];
    }

    private static double? Percentile(ReadOnlySpan<long> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            return null;
        }

        int index = Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1e6 / Stopwatch.Frequency;
    }
}
