using System.Diagnostics;

namespace Natrium.Bench.Scenarios;

// ws-pubsub16: 1 publisher → 1 subscriber, both over WebSocket (the server's websocket
// listener, --ws-url), 16-byte payloads. The publisher sends PubBatch's buffer as one binary
// message at a time, as a client library coalescing its writes would. Reports delivered msg/s
// and the server's CPU per delivered message.
internal sealed record WebsocketPubSubScenario(string Name, int PayloadSize) : IScenario
{
    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        var url = options.WebsocketUrl ?? throw new ArgumentException("--ws-url is needed");
        var timeout = BenchOptions.IoTimeout;
        var subject = $"bench.{Name}";
        using var sub = WsConnection.Open(url, timeout, then: $"SUB {subject} 1\r\n");
        using var pub = WsConnection.Open(url, timeout);
        var batch = PubBatch.Build(subject, PayloadSize);

        CpuSample start = cpu.Sample();
        long sent = 0;
        while (!options.Limit.Reached(sent, start.Ticks))
        {
            pub.SendAsync(batch.Buffer).AsTask().GetAwaiter().GetResult();
            sent += batch.Frames;
        }

        pub.Flush(timeout);
        long pubDone = Stopwatch.GetTimestamp();
        CpuSample end = Drain.Wait(() => sub.Scanner.Msgs, sent, cpu);
        long received = sub.Scanner.Msgs;
        double window = (Math.Max(sub.LastReceiveTicks, pubDone) - start.Ticks) / (double)Stopwatch.Frequency;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);
        return new ScenarioResult(Name)
        {
            Sent = sent,
            Expected = sent,
            Received = received,
            Seconds = window,
            Rate = received / window,
            RateUnit = "msg/s delivered",
            PubRate = sent / ((pubDone - start.Ticks) / (double)Stopwatch.Frequency),
            MegabytesPerSecond = sub.Scanner.PayloadBytes / window / 1e6,
            BenchCpu = benchCpu,
            ServerCpu = serverCpu,
            ServerMicrosPerOp = CpuMeter.MicrosPerOp(start, end, received),
            Note = sub.ReaderError is { } error ? "sub closed: " + error : null,
        };
    }
}
