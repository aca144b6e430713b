using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Natrium.Bench.JetStream;

namespace Natrium.Bench.Scenarios;

// JetStream pull consumer (jsfetch): a file-storage stream is pre-loaded with Preload messages
// (--msgs N overrides) outside the measured time, then one connection fetches them through a
// durable pull consumer with ack_policy explicit: a pull request
// `PUB $JS.API.CONSUMER.MSG.NEXT.<stream>.<consumer> <inbox> n\r\n{"batch":B,"expires":5s}\r\n`,
// read until B messages (or a status) arrived, acking each with `+ACK` to its `$JS.ACK.…` reply
// subject (no reply asked), then the next pull. One pull in flight. Ends when everything was
// fetched or --seconds passed, then PING/PONG so every ack has been read by the server.
// Headline rate = fetched (and acked) messages per second; the note gives the consumer's ack
// floor and pending acks from CONSUMER.INFO afterwards. Stream JSFETCH_<tag> on
// `jsfetch.<tag>.>` (tag `bench`, or `warmup` with --warmup-run), deleted first if it exists.
internal sealed record JsFetchScenario(string Name, int Preload, int Batch, int PayloadSize) : IScenario
{
    private const string Consumer = "bench";
    private const string Inbox = "_INBOX.jsfetch";
    private const int PreloadWindow = 256;
    private const long ExpiresNanos = 5_000_000_000;
    private const int MaxEmptyPulls = 3;

    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        TimeSpan timeout = BenchOptions.IoTimeout;
        long total = options.Limit.Messages ?? Preload;
        string tag = options.JetStreamTag;
        string stream = $"JSFETCH_{tag}";
        string streamConfig = $$"""{"name":"{{stream}}","subjects":["jsfetch.{{tag}}.>"],"storage":"file","num_replicas":1}""";
        string consumerConfig =
            $$$"""{"stream_name":"{{{stream}}}","config":{"durable_name":"{{{Consumer}}}","ack_policy":"explicit","deliver_policy":"all"}}""";
        using var api = JsApiClient.Open(options.Endpoint, timeout);
        string? warning = api.RecreateStream(stream, streamConfig);
        api.Preload(PubBatch.Build($"jsfetch.{tag}.msgs", PayloadSize, JsApiClient.Inbox), PreloadWindow, total);
        api.Call($"$JS.API.CONSUMER.DURABLE.CREATE.{stream}.{Consumer}", consumerConfig);

        var sink = new JsSink { AutoAck = true };
        using var connection = Connection.Open(options.Endpoint, timeout, sink);
        connection.Subscribe(Inbox, queueGroup: null, sid: 1, timeout);
        byte[] pull = PullFrame(stream, Batch);

        // A duration bounds the run; with --msgs it is everything, within 60 s.
        long stopAfter = (long)((options.Limit.Messages is null ? options.Limit.Seconds : 60) * Stopwatch.Frequency);
        CpuSample start = cpu.Sample();
        string? error = null;
        int emptyPulls = 0;
        while (error is null && sink.Delivered < total && Stopwatch.GetTimestamp() - start.Ticks < stopAfter)
        {
            int want = (int)Math.Min(Batch, total - sink.Delivered);
            long before = sink.Delivered;
            error = FetchOne(connection, sink, want == Batch ? pull : PullFrame(stream, want), want);
            emptyPulls = sink.Delivered == before ? emptyPulls + 1 : 0;
            if (error is null && emptyPulls == MaxEmptyPulls)
            {
                error = $"{MaxEmptyPulls} pulls in a row delivered nothing; last answer {sink.LastText}";
            }
        }

        connection.Flush(timeout);
        CpuSample end = cpu.Sample();
        double? rss = cpu.ServerRssMiB();
        string info = ConsumerState(api, stream, total);
        return Summarise(sink, total, start, end, rss, error, info) with { Warning = warning };
    }

    // Sends one pull request and reads until `want` messages or a status (408 expired, 404 no
    // messages, 409 …) arrived. Each read is bounded by the socket's receive timeout, the whole
    // pull by its expiry plus that timeout.
    private static string? FetchOne(Connection connection, JsSink sink, byte[] pull, int want)
    {
        long target = sink.Delivered + want;
        long statuses = sink.Statuses;
        long deadline = Stopwatch.GetTimestamp() + (long)((ExpiresNanos / 1e9 + BenchOptions.IoTimeout.TotalSeconds) * Stopwatch.Frequency);
        try
        {
            connection.Send(pull);
            while (sink.Delivered < target && sink.Statuses == statuses)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    return $"pull for {want}: {want - (target - sink.Delivered)} messages and no status within the expiry + {BenchOptions.IoTimeout.TotalSeconds:0} s";
                }

                if (connection.ReadOnce() == 0)
                {
                    return connection.Scanner.LastError ?? "server closed the connection";
                }
            }
        }
        catch (SocketException e)
        {
            return $"pull for {want}: {want - (target - sink.Delivered)} messages, then nothing for {BenchOptions.IoTimeout.TotalSeconds:0} s ({e.SocketErrorCode}); request {JsSink.Printable(pull)}";
        }

        return sink.Statuses == statuses || sink.LastStatus is 408 or 404 ? null : $"pull answered with status: {sink.LastText}";
    }

    private static byte[] PullFrame(string stream, int batch)
    {
        string body = $$"""{"batch":{{batch}},"expires":{{ExpiresNanos}}}""";
        return Encoding.ASCII.GetBytes($"PUB $JS.API.CONSUMER.MSG.NEXT.{stream}.{Consumer} {Inbox} {body.Length}\r\n{body}\r\n");
    }

    // After the measurement: what the server's consumer says about acks.
    private static string ConsumerState(JsApiClient api, string stream, long total)
    {
        var (f, failure) = api.Query($"$JS.API.CONSUMER.INFO.{stream}.{Consumer}", "ack_floor.stream_seq", "num_ack_pending", "num_redelivered");
        return failure is null
            ? $"ack floor {f[0]}/{total}, ack pending {f[1]}, redelivered {f[2]}"
            : "consumer info: " + failure;
    }

    private ScenarioResult Summarise(JsSink sink, long total, CpuSample start, CpuSample end, double? rss, string? error, string info)
    {
        double window = (end.Ticks - start.Ticks) / (double)Stopwatch.Frequency;
        var (benchCpu, serverCpu) = CpuMeter.Share(start, end);
        long fetched = sink.Delivered;
        return new ScenarioResult(Name)
        {
            Sent = sink.AcksSent,
            Expected = fetched,
            Received = fetched,
            Seconds = window,
            Rate = fetched / window,
            RateUnit = "fetched msg/s",
            PubRate = sink.AcksSent / window,
            MegabytesPerSecond = fetched * (double)PayloadSize / window / 1e6,
            BenchCpu = benchCpu,
            ServerCpu = serverCpu,
            ServerMicrosPerOp = CpuMeter.MicrosPerOp(start, end, fetched),
            ServerRssMiB = rss,
            Error = error is null ? null : $"{error} (fetched {fetched} of {total})",
            Note = info,
        };
    }
}
