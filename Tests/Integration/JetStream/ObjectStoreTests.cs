using System.Security.Cryptography;
using NATS.Client.JetStream.Models;
using NATS.Client.ObjectStore;
using NATS.Client.ObjectStore.Models;

namespace Natrium.Tests.Integration.JetStream;

/// NATS.Net's ObjectStore (spec/jetstream.md §7.2): chunks, metadata with rollup, a push
/// consumer with flow control to read back.
public sealed class ObjectStoreTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    private const int ChunkSize = 128 * 1024;

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

    [Fact]
    public async Task Several_objects_are_listed_described_and_read_back()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var objects = await new NatsObjContext(js).CreateObjectStoreAsync(new NatsObjConfig("several"));
        var contents = new Dictionary<string, byte[]>
        {
            ["empty.txt"] = [],
            ["small.txt"] = "hello object store"u8.ToArray(),
            ["big.bin"] = RandomNumberGenerator.GetBytes(1024 * 1024),
        };
        foreach (var (name, content) in contents)
        {
            await objects.PutAsync(name, content);
        }

        var listed = new List<ObjectMetadata>();
        await foreach (var meta in objects.ListAsync())
        {
            listed.Add(meta);
        }

        Assert.Equal(contents.Keys.Order(), listed.Select(m => m.Name).Order());
        foreach (var (name, content) in contents)
        {
            var info = await objects.GetInfoAsync(name);
            Assert.Equal(content.Length, (long)info.Size);
            Assert.Equal((content.Length + ChunkSize - 1) / ChunkSize, (int)info.Chunks);
            Assert.Equal("SHA-256=" + Convert.ToBase64String(SHA256.HashData(content)).Replace('+', '-').Replace('/', '_'), info.Digest);
            Assert.Equal(content, await objects.GetBytesAsync(name));
        }
    }

    [Fact]
    public async Task Deleting_an_object_purges_its_chunks_and_hides_it_from_the_list()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var objects = await new NatsObjContext(js).CreateObjectStoreAsync(new NatsObjConfig("deleting"));
        await objects.PutAsync("keep.bin", RandomNumberGenerator.GetBytes(ChunkSize + 1));
        await objects.PutAsync("drop.bin", RandomNumberGenerator.GetBytes((3 * ChunkSize) + 1));
        var before = await js.GetStreamAsync("OBJ_deleting");
        Assert.Equal(2 + 2 + 4, before.Info.State.Messages);

        await objects.DeleteAsync("drop.bin");
        var after = await js.GetStreamAsync("OBJ_deleting");
        Assert.Equal(2 + 1 + 1, after.Info.State.Messages);

        var listed = new List<string>();
        await foreach (var meta in objects.ListAsync())
        {
            listed.Add(meta.Name);
        }

        Assert.Equal(["keep.bin"], listed);
        var deleted = await objects.GetInfoAsync("drop.bin", showDeleted: true);
        Assert.True(deleted.Deleted);
        Assert.Equal(0, (long)deleted.Size);
    }

    [Fact]
    public async Task Putting_an_object_again_replaces_its_content_and_chunks()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var objects = await new NatsObjContext(js).CreateObjectStoreAsync(new NatsObjConfig("replacing"));
        await objects.PutAsync("doc", RandomNumberGenerator.GetBytes((2 * ChunkSize) + 1));
        var second = RandomNumberGenerator.GetBytes(10);
        await objects.PutAsync("doc", second);

        Assert.Equal(second, await objects.GetBytesAsync("doc"));
        var stream = await js.GetStreamAsync("OBJ_replacing");
        Assert.Equal(2L, stream.Info.State.Messages);
    }

    [Fact]
    public async Task Sealed_bucket_refuses_new_objects()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var objects = await new NatsObjContext(js).CreateObjectStoreAsync(new NatsObjConfig("sealing"));
        await objects.PutAsync("before", "x"u8.ToArray());
        await objects.SealAsync();

        var status = await objects.GetStatusAsync();
        Assert.True(status.Info.Config.Sealed);
        Assert.Equal("x"u8.ToArray(), await objects.GetBytesAsync("before"));
        await Assert.ThrowsAnyAsync<Exception>(async () => await objects.PutAsync("after", "y"u8.ToArray()));
        var stream = await js.GetStreamAsync("OBJ_sealing");
        Assert.Equal(StreamConfigDiscard.New, stream.Info.Config.Discard);
        Assert.Equal(2L, stream.Info.State.Messages);
    }
}
