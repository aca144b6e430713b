using System.Diagnostics;
using Natrium.Bench.JetStream;

namespace Natrium.Bench.Scenarios;

// JetStream publish (jspub): Publishers connections, each on its own thread, publish PayloadSize
// bytes to a file-storage stream's subject with a reply subject of their own and count the pub
// acks (`{"stream":"JSPUB_bench", "seq":N}`), keeping at most Window PUBs unanswered per
// connection. Headline rate = acks per second from the first publish to the last ack; with
// server CPU per ack and the server's RSS at the end; the note gives the stream's message count
// afterwards. Stream JSPUB_<tag> on `jspub.<tag>.>` (tag `bench`, or `warmup` with
// --warmup-run), deleted first if it exists.
internal sealed record JsPublishScenario(string Name, int Publishers, int Window, int PayloadSize) : IScenario
{
    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        TimeSpan timeout = BenchOptions.IoTimeout;
        string tag = options.JetStreamTag;
        string stream = $"JSPUB_{tag}";
        string config = $$"""{"name":"{{stream}}","subjects":["jspub.{{tag}}.>"],"storage":"file","num_replicas":1}""";
        using var api = JsApiClient.Open(options.Endpoint, timeout);
        string? warning = api.RecreateStream(stream, config);

        // --msgs N is split over the publishers.
        RunLimit limit = options.Limit.Messages is long total
            ? options.Limit with { Messages = (total + Publishers - 1) / Publishers }
            : options.Limit;
        var connections = new List<Connection>();
        try
        {
            var sinks = new JsSink[Publishers];
            var batches = new PubBatch[Publishers];
            for (int i = 0; i < Publishers; i++)
            {
                sinks[i] = new JsSink();
                var connection = Connection.Open(options.Endpoint, timeout, sinks[i], publisher: true);
                connections.Add(connection);
                string inbox = $"_INBOX.jspub.{i}";
                connection.Subscribe(inbox, queueGroup: null, sid: 1, timeout);
                batches[i] = PubBatch.Build($"jspub.{tag}.msgs", PayloadSize, inbox);
            }

            var outcomes = new AckedPublisher.Outcome[Publishers];
            CpuSample start = cpu.Sample();
            var threads = Enumerable.Range(0, Publishers).Select(i => new Thread(() =>
                outcomes[i] = AckedPublisher.Run(connections[i], sinks[i], batches[i], Window, limit, start.Ticks, timeout))
            { IsBackground = true, Name = $"jspub{i}" }).ToList();
            threads.ForEach(t => t.Start());
            TimeSpan join = TimeSpan.FromSeconds(limit.Seconds) + (3 * timeout);
            bool joined = threads.All(t => t.Join(join));
            CpuSample end = cpu.Sample();
            double? rss = cpu.ServerRssMiB();
            if (!joined)
            {
                throw new TimeoutException($"publishers still running {join.TotalSeconds:0} s after start");
            }

            // After the measurement: does the stream hold what was acked?
            var (f, failure) = api.Query($"$JS.API.STREAM.INFO.{stream}", "state.messages", "state.last_seq");
            string note = failure is null ? $"stream holds {f[0]} messages, last seq {f[1]}" : "stream info: " + failure;
            return Summarise(outcomes, start, end, rss) with { Note = note, Warning = warning };
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }
    }

    private ScenarioResult Summarise(AckedPublisher.Outcome[] outcomes, CpuSample start, CpuSample end, double? rss)
    {
        long sent = outcomes.Sum(o => o.Sent);
        long acked = outcomes.Sum(o => o.Acked);
        long lastAck = outcomes.Max(o => o.LastAckTicks);
        double window = (lastAck - start.Ticks) / (double)Stopwatch.Frequency;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);
        string? error = outcomes.Select(o => o.Error).FirstOrDefault(e => e is not null);
        return new ScenarioResult(Name)
        {
            Sent = sent,
            Expected = sent,
            Received = acked,
            Seconds = window,
            Rate = window > 0 ? acked / window : 0,
            RateUnit = "acked msg/s",
            PubRate = window > 0 ? sent / window : 0,
            MegabytesPerSecond = window > 0 ? acked * (double)PayloadSize / window / 1e6 : 0,
            BenchCpu = benchCpu,
            ServerCpu = serverCpu,
            ServerMicrosPerOp = CpuMeter.MicrosPerOp(start, end, acked),
            ServerRssMiB = rss,
            Error = error is null ? null : $"{error} (sent {sent}, acked {acked})",
        };
    }
}
