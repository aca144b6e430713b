using System.Diagnostics;

namespace Natrium.Bench.Scenarios;

// Publish-only throughput with no subscribers: how fast the server swallows PUB frames.
// Ends with PING/PONG so every byte sent has been processed before the clock stops.
internal sealed record PublishScenario(string Name, int PayloadSize) : IScenario
{
    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        TimeSpan timeout = BenchOptions.IoTimeout;
        using var pub = Connection.Open(options.Endpoint, timeout, publisher: true);
        var batch = PubBatch.Build($"bench.{Name}", PayloadSize);

        CpuSample start = cpu.Sample();
        long sent = batch.PublishUntil(pub, options.Limit);
        pub.Flush(timeout);
        CpuSample end = cpu.Sample();

        double window = (end.Ticks - start.Ticks) / (double)Stopwatch.Frequency;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);
        return new ScenarioResult(Name)
        {
            Sent = sent,
            Seconds = window,
            Rate = sent / window,
            RateUnit = "msg/s published",
            PubRate = sent / window,
            MegabytesPerSecond = sent * (double)PayloadSize / window / 1e6,
            BenchCpu = benchCpu,
            ServerCpu = serverCpu,
        };
    }
}
