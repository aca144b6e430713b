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
            error = RoundTrip.Once(requester, frame, timeout, out _);
        }

        var samples = new long[(int)Math.Min(options.Limit.Messages ?? MaxSamples, MaxSamples)];
        int count = 0;
        CpuSample start = cpu.Sample();
        while (error is null && count < samples.Length && !options.Limit.Reached(count, start.Ticks))
        {
            error = RoundTrip.Once(requester, frame, timeout, out samples[count]);
            if (error is null)
            {
                count++;
            }
        }

        CpuSample end = cpu.Sample();
        return Summarise(samples.AsSpan(0, count), start, end, error, responder.ReaderError);
    }

    private ScenarioResult Summarise(Span<long> samples, CpuSample start, CpuSample end, string? error, string? responderError) =>
        RoundTrip.Summarise(Name, samples, start, end, error) with
        {
            Note = error ?? (responderError is null ? null : "responder closed: " + responderError),
        };

    private byte[] BuildRequest()
    {
        var frame = new List<byte>(Encoding.ASCII.GetBytes($"PUB {Subject} {Inbox} {PayloadSize}\r\n"));
        frame.AddRange(Enumerable.Range(0, PayloadSize).Select(i => (byte)('a' + (i % 26))));
        frame.AddRange("\r\n"u8.ToArray());
        return [.. frame];
    }
}
