using System.Diagnostics;
using System.Globalization;
using Natrium.Bench.Scenarios;

namespace Natrium.Bench.Scale;

// mem-sub / scale-sub: the cost of subscriptions (SubscriptionMix). One connection sends N SUBs
// in large writes and one PING: rate = SUBs per second until the PONG, bytes per subscription =
// ΔRSS / N (settled readings before and after, the connections already open before). Then a
// second connection publishes 16 B messages to random subscriptions' subjects for --seconds
// while the first reads: match rate = delivered msg/s. A warm-up connection subscribes a few
// thousand and gets messages first (JIT), and is closed before the "before" reading.
internal sealed record SubscriptionsScenario(string Name, int DefaultSize) : IScenario
{
    private const int SubsPerWrite = 10_000;
    private const int WarmupSubs = 2_000;
    private const int BatchBytes = 2 * 1024 * 1024;
    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromMinutes(5);

    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        long size = options.Size ?? DefaultSize;
        int tenants = SubscriptionMix.Tenants(size);
        // Its sends may block while the server works through the SUBs before them: bounded by
        // the SUBs' own bound, not the usual 10 s.
        using var sub = Connection.Open(options.Endpoint, SubscribeTimeout);
        using var pub = Connection.Open(options.Endpoint, BenchOptions.IoTimeout, publisher: true);
        WarmUp(options, pub, (int)Math.Min(size, WarmupSubs), tenants);

        var writes = new List<byte[]>();
        for (long first = 0; first < size; first += SubsPerWrite)
        {
            writes.Add(SubscriptionMix.SubLines(first, (int)Math.Min(SubsPerWrite, size - first), tenants));
        }

        var (batch, frames) = SubscriptionMix.PublishBatch(size, tenants, BatchBytes, seed: 18);
        double before = ServerMemory.SettledRssMiB(cpu, options.Settle);

        CpuSample start = cpu.Sample();
        foreach (byte[] write in writes)
        {
            sub.Send(write);
        }

        sub.Flush(SubscribeTimeout);
        CpuSample subscribed = cpu.Sample();
        double after = ServerMemory.SettledRssMiB(cpu, options.Settle);

        sub.StartReader("matched");
        CpuSample matchStart = cpu.Sample();
        long sent = Publish(pub, batch, frames, options.Limit);
        pub.Flush(BenchOptions.IoTimeout);
        long pubDone = Stopwatch.GetTimestamp();
        CpuSample matchEnd = Drain.Wait(() => sub.Scanner.Msgs, sent, cpu);
        long received = sub.Scanner.Msgs;
        double matchWindow = (Math.Max(sub.LastReceiveTicks, pubDone) - matchStart.Ticks) / (double)Stopwatch.Frequency;

        double subWindow = (subscribed.Ticks - start.Ticks) / (double)Stopwatch.Frequency;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, subscribed);
        return new ScenarioResult(Name)
        {
            Size = size,
            Sent = sent,
            Expected = sent,
            Received = received,
            Seconds = subWindow,
            Rate = size / subWindow,
            RateUnit = "subs/s",
            BenchCpu = benchCpu,
            ServerCpu = serverCpu,
            ServerMicrosPerOp = CpuMeter.MicrosPerOp(start, subscribed, size),
            RssBeforeMiB = before,
            ServerRssMiB = after,
            BytesPerItem = ServerMemory.BytesPerItem(before, after, size),
            MatchRate = received / matchWindow,
            Note = string.Create(CultureInfo.InvariantCulture, $"{tenants} tenants; match: {CpuMeter.MicrosPerOp(matchStart, matchEnd, received):0.00} srv µs/msg")
                + (sub.ReaderError is { } error ? "; sub closed: " + error : string.Empty),
        };
    }

    private static void WarmUp(BenchOptions options, Connection pub, int subs, int tenants)
    {
        using var warm = Connection.Open(options.Endpoint, BenchOptions.IoTimeout);
        warm.Send(SubscriptionMix.SubLines(0, subs, tenants));
        warm.Flush(SubscribeTimeout);
        warm.StartReader("warmup");
        var (batch, frames) = SubscriptionMix.PublishBatch(subs, tenants, BatchBytes / 8, seed: 1);
        long sent = Publish(pub, batch, frames, new RunLimit(0.5, null));
        pub.Flush(BenchOptions.IoTimeout);
        Drain.Wait(() => warm.Scanner.Msgs, sent, new CpuMeter([]));
    }

    private static long Publish(Connection pub, byte[] batch, int frames, RunLimit limit)
    {
        long deadline = Stopwatch.GetTimestamp() + limit.DurationTicks;
        long sent = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            pub.Send(batch);
            sent += frames;
        }

        return sent;
    }
}
