using System.Security.Cryptography;
using NATS.Client.ObjectStore;

namespace Natrium.Tests.Integration.JetStream;

/// NATS.Net's ObjectStore (spec/jetstream.md §7.2): chunks, metadata with rollup, a push
/// consumer with flow control to read back.
public sealed class ObjectStoreTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Object_larger_than_a_chunk_round_trips_and_is_deleted()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var objects = await new NatsObjContext(js).CreateObjectStoreAsync(new NatsObjConfig("files"));
        var content = RandomNumberGenerator.GetBytes(1024 * 1024 + 123);
        var info = await objects.PutAsync("blob.bin", content);
        Assert.Equal(content.Length, (int)info.Size);

        var back = await objects.GetBytesAsync("blob.bin");
        Assert.Equal(content, back);

        await objects.DeleteAsync("blob.bin");
        await Assert.ThrowsAsync<NatsObjNotFoundException>(async () => await objects.GetBytesAsync("blob.bin"));
    }
}
