using Microsoft.Extensions.Logging;
using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Streams.Encryption;

/// Encryption at rest over any stream storage provider: each stream's storage is wrapped in an
/// EncryptedStreamStorage, and nothing sealed under a key this server lacks is ever discarded.
internal sealed class EncryptedStreamStorageProvider(IStreamStorageProvider inner, StoreKeys keys, ILogger<EncryptedStreamStorage> logger) : IStreamStorageProvider
{
    public IStreamStorage Open(string streamKey) => new EncryptedStreamStorage(inner.Open(streamKey), keys, streamKey, logger);

    public async ValueTask DiscardAsync(string streamKey)
    {
        var status = OpenStatus.Plaintext;
        await using (var existing = inner.Open(streamKey))
        {
            status = await EncryptedStreamStorage.ProbeAsync(existing, keys, streamKey);
        }

        if (status is not (OpenStatus.Opened or OpenStatus.Plaintext))
        {
            throw new StoreSealedException("a stream of this name is stored sealed under a key this server does not have; it is left untouched");
        }

        await inner.DiscardAsync(streamKey);
    }
}
