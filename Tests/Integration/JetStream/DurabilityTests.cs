using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.JetStream;

/// What was acknowledged survives the process: a clean stop keeps every message and every
/// consumer position exactly; a `kill -9` right after the last pub ack keeps every acknowledged
/// message and redelivers whatever the consumer had not acknowledged (positions are written at
/// most a second late, so a few acknowledged ones may come again: at least once, never lost).
/// Memory streams are gone after a restart, as on nats-server.
public sealed class DurabilityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Acknowledged_messages_and_consumer_positions_survive_a_stop_and_a_kill()
    {
        var ports = Directory.CreateTempSubdirectory("natrium-ports-");
        var store = Directory.CreateTempSubdirectory("natrium-js-durable-");
        try
        {
            await using (var first = await StartAsync(store, ports))
            {
                await using var nc = await ConnectAsync(first.Url);
                var js = new NatsJSContext(nc);
                await js.CreateStreamAsync(new StreamConfig("DURABLE", ["durable.>"]));
                await js.CreateStreamAsync(new StreamConfig("VOLATILE", ["volatile.>"]) { Storage = StreamConfigStorage.Memory });
                await PublishAsync(js, "durable.a", 1, 200);
                (await js.PublishAsync("volatile.a", "lost on restart")).EnsureSuccess();
                var kv = await new NatsKVContext(js).CreateStoreAsync(new NatsKVConfig("settings"));
                await kv.PutAsync("mode", "blue");

                var consumer = await js.CreateOrUpdateConsumerAsync("DURABLE", new ConsumerConfig("reader") { AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = TimeSpan.FromSeconds(2) });
                Assert.Equal(Enumerable.Range(1, 50), await FetchAndAckAsync(consumer, 50));

                first.Process.Terminate();
                await first.Process.WaitForExitAsync(Patience);
            }

            await using (var second = await StartAsync(store, ports))
            {
                await using var nc = await ConnectAsync(second.Url);
                var js = new NatsJSContext(nc);
                var stream = await js.GetStreamAsync("DURABLE");
                Assert.Equal((200L, 1ul, 200ul), (stream.Info.State.Messages, stream.Info.State.FirstSeq, stream.Info.State.LastSeq));
                await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.GetStreamAsync("VOLATILE"));
                Assert.Equal("blue", (await (await new NatsKVContext(js).GetStoreAsync("settings")).GetEntryAsync<string>("mode")).Value);

                // A clean stop wrote the position: delivery resumes exactly after 50.
                var consumer = await js.GetConsumerAsync("DURABLE", "reader");
                Assert.Equal(50ul, consumer.Info.AckFloor.StreamSeq);
                Assert.Equal(Enumerable.Range(51, 10), await FetchAndAckAsync(consumer, 10));

                // New messages, then kill -9 as soon as the last one is acknowledged.
                await PublishAsync(js, "durable.b", 201, 300);
                await second.Process.KillAsync();
            }

            await using (var third = await StartAsync(store, ports))
            {
                await using var nc = await ConnectAsync(third.Url);
                var js = new NatsJSContext(nc);
                var stream = await js.GetStreamAsync("DURABLE");
                Assert.Equal((300L, 300ul), (stream.Info.State.Messages, stream.Info.State.LastSeq));
                var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = "durable.b" });
                Assert.Equal(300ul, last.Message.Seq);

                // Everything not acknowledged comes (again, once its ack wait has passed, as on
                // nats-server); nothing is skipped.
                var consumer = await js.GetConsumerAsync("DURABLE", "reader");
                var floor = (int)consumer.Info.AckFloor.StreamSeq;
                Assert.InRange(floor, 50, 60);
                var redelivered = await FetchAndAckAsync(consumer, 300 - floor);
                Assert.Equal(Enumerable.Range(floor + 1, 300 - floor), redelivered.Order());
            }
        }
        finally
        {
            ports.Delete(recursive: true);
            store.Delete(recursive: true);
        }
    }

    private sealed class Running(NatriumProcess process, string url) : IAsyncDisposable
    {
        public NatriumProcess Process => process;

        public string Url => url;

        public ValueTask DisposeAsync() => process.DisposeAsync();
    }

    private static async Task<Running> StartAsync(DirectoryInfo store, DirectoryInfo ports)
    {
        var process = NatriumProcess.Start("-a", "127.0.0.1", "-p", "-1", "-js", "-sd", store.FullName, "--ports_file_dir", ports.FullName);
        var (url, _) = await process.WaitForPortsAsync(ports.FullName);
        return new Running(process, url);
    }

    private static async Task<NatsConnection> ConnectAsync(string url)
    {
        var nc = new NatsConnection(new NatsOpts { Url = url, RequestTimeout = Patience });
        await nc.ConnectAsync();
        return nc;
    }

    /// Publishes the numbers first..last (each its own payload), each acknowledged before the next.
    private static async Task PublishAsync(NatsJSContext js, string subject, int first, int last)
    {
        for (var i = first; i <= last; i++)
        {
            (await js.PublishAsync(subject, i)).EnsureSuccess();
        }
    }

    private static async Task<List<int>> FetchAndAckAsync(INatsJSConsumer consumer, int count)
    {
        var received = new List<int>();
        using var cts = new CancellationTokenSource(Patience);
        while (received.Count < count)
        {
            await foreach (var msg in consumer.FetchAsync<int>(new NatsJSFetchOpts { MaxMsgs = count - received.Count, Expires = TimeSpan.FromSeconds(2) }, cancellationToken: cts.Token))
            {
                received.Add(msg.Data);
                await msg.AckAsync(new AckOpts { DoubleAck = true }, cts.Token);
            }
        }

        return received;
    }
}
