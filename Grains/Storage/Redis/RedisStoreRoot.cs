using Natrium.Grains.Streams.Encryption;

namespace Natrium.Grains.Storage.Redis;

/// The shared store's own records in Redis: the sealed naming key (created with SET NX, so nodes
/// starting together keep one) and the seal-pending marker.
internal sealed class RedisStoreRoot(RedisStore store) : IStoreRoot
{
    private const string NamingKey = "store.key";
    private const string Pending = "seal-pending";

    public string Description => "redis " + store.Prefix;

    public byte[]? ReadNamingKey() => store.Database.StringGet(store.Key(NamingKey));

    public bool TryCreateNamingKey(byte[] sealedKey) =>
        store.Database.StringSet(store.Key(NamingKey), sealedKey, when: StackExchange.Redis.When.NotExists);

    public void ReplaceNamingKey(byte[] sealedKey) => store.Database.StringSet(store.Key(NamingKey), sealedKey);

    public bool SealPending => store.Database.KeyExists(store.Key(Pending));

    public void MarkSealPending() => store.Database.StringSet(store.Key(Pending), "1");

    public void ClearSealPending() => store.Database.KeyDelete(store.Key(Pending));

    public bool HoldsAnything() =>
        store.AnyKeyStartingWith(RedisStateBlobs.KeyPrefix) || store.AnyKeyStartingWith(RedisStreamStorage.KeyPrefix);
}
