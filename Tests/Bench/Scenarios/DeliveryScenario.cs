using System.Diagnostics;

namespace Natrium.Bench.Scenarios;

// 1 publisher → N subscribers on one subject (pubsub16, pubsub1k, fanout5), or → a queue group
// of N members (queue3: each message must be delivered exactly once in total, protocol.md §12).
// Headline rate = messages delivered per second, summed over subscribers, from the first
// publish to the last delivery; PubRate = messages published per second.
// With a placement (xnode-*), the publisher and subscribers connect to the cluster nodes it
// names, the clock starts only once interest has reached the publisher's node, and the server
// CPU per delivered message and the resident memory are reported, summed over the nodes.
internal sealed record DeliveryScenario(string Name, int Subscribers, string? QueueGroup, int PayloadSize, NodePlacement? Placement = null) : IScenario
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
                var sub = Connection.Open(NodeOf(options, Placement?.Subscribers[i] ?? 0), timeout);
                subs.Add(sub);
                sub.Subscribe(subject, QueueGroup, sid: 1, timeout);
            }

            foreach (var (sub, i) in subs.Select((s, i) => (s, i)))
            {
                sub.StartReader($"sub{i}");
            }

            using var pub = Connection.Open(NodeOf(options, Placement?.Publisher ?? 0), timeout, publisher: true);
            var (before, barrier) = Placement is null ? (new long[subs.Count], TimeSpan.Zero) : InterestBarrier.Wait(pub, subject, subs);
            var batch = PubBatch.Build(subject, PayloadSize);

            CpuSample start = cpu.Sample();
            long sent = batch.PublishUntil(pub, options.Limit);
            pub.Flush(timeout);
            long pubDone = Stopwatch.GetTimestamp();

            long expected = QueueGroup is null ? sent * Subscribers : sent;
            CpuSample end = Drain.Wait(() => subs.Sum(s => s.Scanner.Msgs) - before.Sum(), expected, cpu);
            return Summarise(subs, before, start, end, pubDone, sent, expected, cpu, barrier);
        }
        finally
        {
            foreach (var sub in subs)
            {
                sub.Dispose();
            }
        }
    }

    private System.Net.IPEndPoint NodeOf(BenchOptions options, int node) =>
        Placement is null ? options.Endpoint : NodePlacement.Node(options, node, Name);

    private ScenarioResult Summarise(List<Connection> subs, long[] before, CpuSample start, CpuSample end, long pubDone, long sent, long expected, CpuMeter cpu, TimeSpan barrier)
    {
        long[] counts = subs.Select((s, i) => s.Scanner.Msgs - before[i]).ToArray();
        long received = counts.Sum();
        long bytes = subs.Sum(s => s.Scanner.PayloadBytes);
        long lastDelivery = subs.Max(s => s.LastReceiveTicks);
        double freq = Stopwatch.Frequency;
        double window = (Math.Max(lastDelivery, pubDone) - start.Ticks) / freq;
        double pubWindow = (pubDone - start.Ticks) / freq;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);

        var notes = new List<string>();
        if (QueueGroup is not null)
        {
            notes.Add("split " + string.Join('/', counts));
            if (received > sent)
            {
                notes.Add($"{received - sent} duplicate deliveries");
            }
        }
        else if (Placement is not null && Subscribers > 1)
        {
            notes.Add("per subscriber " + string.Join('/', counts.Select(c => ScenarioResult.Human(c))));
        }

        if (barrier > TimeSpan.FromSeconds(1))
        {
            notes.Add($"interest crossed after {barrier.TotalSeconds:0.0} s");
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
            ServerMicrosPerOp = Placement is null ? null : CpuMeter.MicrosPerOp(start, end, received),
            ServerRssMiB = Placement is null ? null : cpu.ServerRssMiB(),
            Note = notes.Count > 0 ? string.Join("; ", notes) : null,
        };
    }
}
