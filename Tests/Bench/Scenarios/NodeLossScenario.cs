using System.Diagnostics;
using System.Text;
using Natrium.Bench.NodeLoss;

namespace Natrium.Bench.Scenarios;

// kill -9 of node A of three while a publisher on node C streams to a subscriber on node B and
// to a client on node A (PacedPublisher: each of K subjects per side every millisecond; the
// subjects' first tokens differ, so on Natrium their interest lives in different shard grains,
// some of which will have run on the dead node). Figures, from the kill:
//   stall   the longest silence on any of B's subjects (B↔C traffic during detection)
//   gone    until every survivor has logged the loss of A (SurvivorLogs: nats-server's route
//           closed, Natrium's "declared dead"), i.e. stops sending to it
//   back    until the client that was on A, reconnected to B at once, has received on every
//           one of its subjects again (its interest has to reach C through the cluster)
// Needs 3 nodes in --url, node A's pid first in --server-pid, the nodes' logs in --node-logs.
internal sealed record NodeLossScenario(string Name, int Subjects) : IScenario
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinAfterKill = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Tail = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        if (options.Nodes.Count < 3 || options.ServerPids.Count < 1 || options.NodeLogs.Count < 3)
        {
            throw new InvalidOperationException($"{Name} needs 3 nodes in --url, node A's pid in --server-pid and 3 files in --node-logs");
        }

        string[] bSubjects = Enumerable.Range(0, Subjects).Select(k => $"lossb{k}.bench").ToArray();
        string[] aSubjects = Enumerable.Range(0, Subjects).Select(k => $"lossa{k}.bench").ToArray();
        var bSink = new SequenceSink("lossb", Subjects);
        var aSink = new SequenceSink("lossa", Subjects);
        using var subscriber = Connection.Open(options.Nodes[1], BenchOptions.IoTimeout, bSink);
        subscriber.Send(Encoding.ASCII.GetBytes(string.Concat(bSubjects.Select((s, i) => $"SUB {s} {i + 1}\r\n"))));
        subscriber.Flush(BenchOptions.IoTimeout);
        subscriber.StartReader("sub-b");
        using var moving = new MovingSubscriber(options.Nodes, aSink, aSubjects);
        using var pubConnection = Connection.Open(options.Nodes[2], BenchOptions.IoTimeout, publisher: true);
        using var publisher = new PacedPublisher(pubConnection, bSubjects.Concat(aSubjects));

        // Interest crosses nodes asynchronously (InterestBarrier): wait until both receive.
        var clock = Stopwatch.StartNew();
        while (!(bSink.AllReceived() && aSink.AllReceived()))
        {
            if (clock.Elapsed > Ready || publisher.Error is not null)
            {
                throw new TimeoutException($"the stream did not reach B ({bSink.AllReceived()}) and A ({aSink.AllReceived()}) within {Ready.TotalSeconds:0} s {publisher.Error}");
            }

            Thread.Sleep(Poll);
        }

        bSink.Arm();
        Thread.Sleep(Steady);
        double steadyGap = bSink.MaxGapMillis(Stopwatch.GetTimestamp());
        if (options.WarmupRun)
        {
            publisher.Stop();
            return new ScenarioResult(Name) { Note = "warm-up run: nothing killed" };
        }

        var logs = new SurvivorLogs([options.NodeLogs[1], options.NodeLogs[2]]);
        logs.Start();
        bSink.Arm();
        long kill = Stopwatch.GetTimestamp();
        Process.GetProcessById(options.ServerPids[0]).Kill(); // SIGKILL
        long end = WatchUntilSettled(kill, aSink, moving, logs);

        publisher.Stop();
        long lastSent = publisher.Sequence;
        var drain = Stopwatch.StartNew();
        while (bSink.Since(lastSent).Received < bSink.Since(lastSent).Expected && drain.Elapsed < Tail)
        {
            Thread.Sleep(Poll);
        }

        return Summarise(kill, end, steadyGap, bSink, aSink, moving, logs, publisher);
    }

    // Polls the logs until the client is back and every survivor gave A up, then Tail more (a
    // stall may come with the survivors' re-sync), at least MinAfterKill; at most Bound.
    private static long WatchUntilSettled(long kill, SequenceSink aSink, MovingSubscriber moving, SurvivorLogs logs)
    {
        long freq = Stopwatch.Frequency;
        long settled = 0;
        while (true)
        {
            logs.Poll();
            long now = Stopwatch.GetTimestamp();
            if (settled == 0 && logs.AllGivenUp && aSink.AllResumedTicks() is not null)
            {
                settled = now;
            }

            bool tailDone = settled != 0 && now - settled >= Tail.TotalSeconds * freq && now - kill >= MinAfterKill.TotalSeconds * freq;
            if (tailDone || now - kill >= Bound.TotalSeconds * freq || moving.Error is not null)
            {
                return now;
            }

            Thread.Sleep(Poll);
        }
    }

    private ScenarioResult Summarise(long kill, long end, double steadyGap, SequenceSink bSink, SequenceSink aSink, MovingSubscriber moving, SurvivorLogs logs, PacedPublisher publisher)
    {
        static double? Ms(long kill, long? ticks) => ticks is long t and not 0 ? (t - kill) * 1000.0 / Stopwatch.Frequency : null;

        var (expected, received, outOfOrder) = bSink.Since(publisher.Sequence);
        double stall = bSink.MaxGapMillis(end);
        double? gone = Ms(kill, logs.GivenUpTicks);
        double? back = Ms(kill, aSink.AllResumedTicks());
        var notes = new List<string>
        {
            $"max gap before the kill {steadyGap:0} ms",
            $"survivors gave A up at {string.Join('/', logs.EachGivenUp.Select(t => Ms(kill, t) is { } ms ? $"{ms:0}" : "never"))} ms",
            $"client reconnected to node {"ABC"[moving.Node]} at {Ms(kill, moving.ReconnectTicks):0} ms",
        };
        if (Ms(kill, logs.ResyncedTicks) is { } resynced)
        {
            notes.Add($"survivors' interest re-sent at {resynced:0} ms");
        }

        if (outOfOrder > 0)
        {
            notes.Add($"{outOfOrder} out of order or duplicate at B");
        }

        notes.AddRange(new[] { publisher.Error, moving.Error }.OfType<string>());
        return new ScenarioResult(Name)
        {
            Sent = expected,
            Expected = expected,
            Received = received,
            Seconds = (end - kill) / (double)Stopwatch.Frequency,
            RateUnit = "ms",
            StallMillis = stall,
            GoneMillis = gone,
            BackMillis = back,
            Error = gone is null || back is null ? $"after {Bound.TotalSeconds:0} s: survivors gave A up {gone is not null}, client back {back is not null}; {string.Join("; ", notes)}" : null,
            Note = string.Join("; ", notes),
        };
    }
}
