using System.Diagnostics;
using System.Text;

namespace Natrium.Bench.Scenarios;

// Interest crosses nodes asynchronously: a subscriber's PONG says only that its own node has
// the SUB, not that the publisher's node knows of it yet (spec/monitoring_cluster.md §13), on
// nats-server and Natrium alike. So before the clock starts the publisher sends empty probe
// messages on the measured subject until every subscriber has received one, then waits until
// the probes still in flight have landed. Returns each subscriber's message count at that point,
// which the measurement subtracts, and how long the probes took to get through: seconds there
// mean the cluster was still busy with an earlier run's backlog (the warm-up's), which probes
// queue behind.
internal static class InterestBarrier
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    public static (long[] Before, TimeSpan Took) Wait(Connection pub, string subject, IReadOnlyList<Connection> subs)
    {
        TimeSpan timeout = BenchOptions.IoTimeout;
        byte[] probe = Encoding.ASCII.GetBytes($"PUB {subject} 0\r\n\r\n");
        var clock = Stopwatch.StartNew();
        while (subs.Any(s => s.Scanner.Msgs == 0))
        {
            if (clock.Elapsed > Bound)
            {
                string counts = string.Join('/', subs.Select(s => s.Scanner.Msgs > 0 ? "yes" : "no"));
                throw new TimeoutException($"interest did not reach the publisher's node within {Bound.TotalSeconds:0} s (probe received per subscriber: {counts})");
            }

            pub.Send(probe);
            pub.Flush(timeout);
            Thread.Sleep(ProbeEvery);
        }

        TimeSpan took = clock.Elapsed;
        pub.Flush(timeout);
        long last = subs.Sum(s => s.Scanner.Msgs);
        TimeSpan lastChange = clock.Elapsed;
        while (clock.Elapsed - lastChange < Quiet && clock.Elapsed < Bound + Bound)
        {
            Thread.Sleep(ProbeEvery);
            long now = subs.Sum(s => s.Scanner.Msgs);
            if (now != last)
            {
                last = now;
                lastChange = clock.Elapsed;
            }
        }

        return (subs.Select(s => s.Scanner.Msgs).ToArray(), took);
    }
}
