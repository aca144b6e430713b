using Natrium.Grains.Streams.Encryption;
using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Storage.Redis;

/// Streams of a cluster in the Redis its nodes share, each under the StoreNames name of its
/// grain key, so a stream grain reactivated on any node finds its records. A stream found under
/// the name it had before the store had a key is moved to the current name when opened.
internal sealed class RedisStreamStorageProvider(RedisStore store, StoreNames names) : IStreamStorageProvider
{
    public IStreamStorage Open(string streamKey)
    {
        var candidates = names.Candidates(streamKey);
        var current = new RedisStreamStorage(store, candidates[0]);
        if (candidates.Count > 1 && !current.Exists())
        {
            var older = new RedisStreamStorage(store, candidates[1]);
            if (older.Exists())
            {
                older.MoveToAsync(current).GetAwaiter().GetResult();
            }
        }

        return current;
    }

    public async ValueTask DiscardAsync(string streamKey)
    {
        foreach (var name in names.Candidates(streamKey))
        {
            await new RedisStreamStorage(store, name).DeleteAllAsync();
        }
    }
}
