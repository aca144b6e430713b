namespace Natrium.Grains.Storage.Redis;

/// State blobs as Redis strings `<prefix>state:<name>`; a SET replaces one whole and atomically.
internal sealed class RedisStateBlobs(RedisStore store) : IStateBlobs
{
    public const string KeyPrefix = "state:";

    public async Task<byte[]?> ReadAsync(string name) => await store.Database.StringGetAsync(store.Key(KeyPrefix + name));

    public Task WriteAsync(string name, byte[] bytes) => store.Database.StringSetAsync(store.Key(KeyPrefix + name), bytes);

    public Task<bool> DeleteAsync(string name) => store.Database.KeyDeleteAsync(store.Key(KeyPrefix + name));
}
