using System.Diagnostics;
using System.Text;
using Natrium.Bench.JetStream;

namespace Natrium.Bench.Scenarios;

// Key-value latency on a KV-style stream, KV_bench (subjects `$KV.bench.>`, file storage,
// max_msgs_per_subject 1, allow_direct; KV_warmup on `$KV.warmup.>` with --warmup-run, deleted
// first if it exists), one request in flight, timed like reqrep:
//   kvput: `PUB $KV.bench.<key> <inbox> n\r\n<value>\r\n`, done when the pub ack arrives;
//   kvget: `PUB $JS.API.DIRECT.GET.KV_bench.$KV.bench.<key> <inbox> 0\r\n\r\n`, done when the
//          message arrives (HMSG with Nats-Stream/Nats-Sequence headers; a status is a failure).
// Keys cycle over Keys names; kvget puts every key once first (outside the measured time).
// Headline rate = requests/s with p50/p90/p99 in µs, plus server CPU per request and RSS.
internal sealed record KvScenario(string Name, bool Get, int Keys, int ValueSize) : IScenario
{
    private const string Inbox = "_INBOX.bench.kv";
    private const int WarmupRequests = 200;
    private const int MaxSamples = 1_000_000;

    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        TimeSpan timeout = BenchOptions.IoTimeout;
        string bucket = options.JetStreamTag;
        string stream = $"KV_{bucket}";
        string config = $$"""{"name":"{{stream}}","subjects":["$KV.{{bucket}}.>"],"storage":"file","num_replicas":1,"max_msgs_per_subject":1,"allow_direct":true}""";
        string? warning;
        using (var api = JsApiClient.Open(options.Endpoint, timeout))
        {
            warning = api.RecreateStream(stream, config);
        }

        var sink = new JsSink();
        using var connection = Connection.Open(options.Endpoint, timeout, sink, publisher: true);
        connection.Subscribe(Inbox, queueGroup: null, sid: 1, timeout);
        byte[][] puts = Frames(i => $"PUB $KV.{bucket}.k{i:D6} {Inbox} {ValueSize}\r\n{Value(i)}\r\n");
        byte[][] frames = puts;
        string? error = null;
        if (Get)
        {
            for (int i = 0; i < Keys && error is null; i++)
            {
                error = Request(connection, sink, puts[i], timeout, out _);
            }

            frames = Frames(i => $"PUB $JS.API.DIRECT.GET.{stream}.$KV.{bucket}.k{i:D6} {Inbox} 0\r\n\r\n");
        }

        for (int i = 0; i < WarmupRequests && error is null; i++)
        {
            error = Request(connection, sink, frames[i % Keys], timeout, out _);
        }

        var samples = new long[(int)Math.Min(options.Limit.Messages ?? MaxSamples, MaxSamples)];
        int count = 0;
        CpuSample start = cpu.Sample();
        while (error is null && count < samples.Length && !options.Limit.Reached(count, start.Ticks))
        {
            error = Request(connection, sink, frames[count % Keys], timeout, out samples[count]);
            if (error is null)
            {
                count++;
            }
        }

        CpuSample end = cpu.Sample();
        return RoundTrip.Summarise(Name, samples.AsSpan(0, count), start, end, error) with
        {
            ServerMicrosPerOp = CpuMeter.MicrosPerOp(start, end, count),
            ServerRssMiB = cpu.ServerRssMiB(),
            Error = error is null ? null : $"{error} (after {count} measured requests)",
            Warning = warning,
        };
    }

    // One round trip, then a check that the answer is the right kind: a pub ack for a put, a
    // message that is not a status for a get. Failures quote the request and the answer.
    private string? Request(Connection connection, JsSink sink, byte[] frame, TimeSpan timeout, out long ticks)
    {
        (long acks, long replies, long errors) = (sink.Acks, sink.Replies, sink.Errors);
        string? error = RoundTrip.Once(connection, frame, timeout, out ticks);
        bool good = error is null && sink.Errors == errors && (IsPut(frame) ? sink.Acks == acks + 1 : sink.Replies == replies + 1);
        return good ? null : $"request {JsSink.Printable(frame)} got {(error is null ? sink.LastText : error)}";
    }

    private static bool IsPut(byte[] frame) => frame.AsSpan().StartsWith("PUB $KV."u8);

    private byte[][] Frames(Func<int, string> frame) =>
        Enumerable.Range(0, Keys).Select(i => Encoding.ASCII.GetBytes(frame(i))).ToArray();

    // A value of ValueSize bytes that differs per key.
    private string Value(int key) =>
        string.Create(ValueSize, key, (span, k) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + ((i + k) % 26));
            }
        });
}
