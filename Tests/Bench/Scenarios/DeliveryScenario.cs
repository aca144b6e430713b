using System.Diagnostics;

namespace Natrium.Bench.Scenarios;

// 1 publisher → N subscribers on one subject (pubsub16, pubsub1k, fanout5), or → a queue group
// of N members (queue3: each message must be delivered exactly once in total, protocol.md §12).
// Headline rate = messages delivered per second, summed over subscribers, from the first
// publish to the last delivery; PubRate = messages published per second.
internal sealed record DeliveryScenario(string Name, int Subscribers, string? QueueGroup, int PayloadSize) : IScenario
{
    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        TimeSpan timeout = BenchOptions.IoTimeout;
        string subject = $"bench.{Name}";
        var subs = new List<Connection>();
        try
        {
            for (int i = 0; i < Subscribers; i++)
            {
                var sub = Connection.Open(options.Endpoint, timeout);
                subs.Add(sub);
                sub.Subscribe(subject, QueueGroup, sid: 1, timeout);
            }

            foreach (var (sub, i) in subs.Select((s, i) => (s, i)))
            {
                sub.StartReader($"sub{i}");
            }

            using var pub = Connection.Open(options.Endpoint, timeout, publisher: true);
            var batch = PubBatch.Build(subject, PayloadSize);

            CpuSample start = cpu.Sample();
            long sent = batch.PublishUntil(pub, options.Limit);
            pub.Flush(timeout);
            long pubDone = Stopwatch.GetTimestamp();

            long expected = QueueGroup is null ? sent * Subscribers : sent;
            CpuSample end = Drain.Wait(() => subs.Sum(s => s.Scanner.Msgs), expected, cpu);
            return Summarise(subs, start, end, pubDone, sent, expected);
        }
        finally
        {
            foreach (var sub in subs)
            {
                sub.Dispose();
            }
        }
    }

    private ScenarioResult Summarise(List<Connection> subs, CpuSample start, CpuSample end, long pubDone, long sent, long expected)
    {
        long received = subs.Sum(s => s.Scanner.Msgs);
        long bytes = subs.Sum(s => s.Scanner.PayloadBytes);
        long lastDelivery = subs.Max(s => s.LastReceiveTicks);
        double freq = Stopwatch.Frequency;
        double window = (Math.Max(lastDelivery, pubDone) - start.Ticks) / freq;
        double pubWindow = (pubDone - start.Ticks) / freq;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);

        var notes = new List<string>();
        if (QueueGroup is not null)
        {
            notes.Add("split " + string.Join('/', subs.Select(s => s.Scanner.Msgs)));
            if (received > sent)
            {
                notes.Add($"{received - sent} duplicate deliveries");
            }
        }

        notes.AddRange(subs.Where(s => s.ReaderError is not null).Select(s => "sub closed: " + s.ReaderError));
        return new ScenarioResult(Name)
        {
            Sent = sent,
            Expected = expected,
            Received = received,
            Seconds = window,
            Rate = received / window,
            RateUnit = "msg/s delivered",
            PubRate = sent / pubWindow,
            MegabytesPerSecond = bytes / window / 1e6,
            BenchCpu = benchCpu,
            ServerCpu = serverCpu,
            Note = notes.Count > 0 ? string.Join("; ", notes) : null,
        };
    }
}
