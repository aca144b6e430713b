using System.Text.Json;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// CONSUMER.NAMES and CONSUMER.LIST through NATS.Net and raw requests (spec/jetstream.md §2.5):
/// pages of 1024 names and 256 infos, offsets clamped, an empty page past the end.
public sealed class ConsumerListingTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    private const int Count = 260;

    [Fact]
    public async Task Names_and_list_page_through_every_consumer()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("MANYC", ["manyc"]) { Storage = StreamConfigStorage.Memory });
        var created = new List<Task>();
        for (var i = 0; i < Count; i++)
        {
            created.Add(js.CreateOrUpdateConsumerAsync("MANYC", new ConsumerConfig($"c{i:D3}") { AckPolicy = ConsumerConfigAckPolicy.Explicit }).AsTask());
        }

        await Task.WhenAll(created);

        var names = new List<string>();
        await foreach (var name in js.ListConsumerNamesAsync("MANYC"))
        {
            names.Add(name);
        }

        var listed = new List<string>();
        await foreach (var consumer in js.ListConsumersAsync("MANYC"))
        {
            listed.Add(consumer.Info.Name);
        }

        var expected = Enumerable.Range(0, Count).Select(i => $"c{i:D3}").ToList();
        Assert.Equal(expected, names.Order());
        Assert.Equal(expected, listed.Order());

        var second = await PageAsync(nc, "$JS.API.CONSUMER.LIST.MANYC", 256);
        Assert.Equal(Count, second.GetProperty("total").GetInt32());
        Assert.Equal(256, second.GetProperty("offset").GetInt32());
        Assert.Equal(256, second.GetProperty("limit").GetInt32());
        Assert.Equal(Count - 256, second.GetProperty("consumers").GetArrayLength());

        var past = await PageAsync(nc, "$JS.API.CONSUMER.NAMES.MANYC", 5000);
        Assert.Equal(Count, past.GetProperty("offset").GetInt32());
        Assert.Equal(1024, past.GetProperty("limit").GetInt32());
        Assert.Equal(0, past.GetProperty("consumers").GetArrayLength());
    }

    private static async Task<JsonElement> PageAsync(NATS.Client.Core.NatsConnection nc, string subject, int offset)
    {
        var reply = await nc.RequestAsync<string, string>(subject, $"{{\"offset\":{offset}}}");
        return JsonDocument.Parse(reply.Data!).RootElement;
    }
}
