using Natrium.Grains.Streams.Encryption;

namespace Natrium.Grains.Streams;

/// Key rotation for one stream: its state and its keyring are written again, which seals them
/// under the account's current key. Messages stay where they are: their data keys do not change,
/// only the key that seals the keyring. Publishing and consuming go on meanwhile. A stream stored
/// in plaintext before its account had a key is opened again, which seals it.
internal sealed partial class StreamGrain
{
    public async Task Reseal()
    {
        if (_store is null)
        {
            // Nothing open: state that did not open refuses the write, so the rotation hears
            // of it instead of counting this stream as resealed.
            if (stored.Etag == StateSealer.Unreadable)
            {
                throw new StoreSealedException("the stream's state does not open with the configured keys");
            }

            return;
        }

        if (!Persisted)
        {
            return;
        }

        await stored.WriteStateAsync();
        if (_storage is EncryptedStreamStorage { ResealNeedsReopen: true })
        {
            // Stored before the account had a key: the next activation seals it (the
            // account grain activates it again at once).
            DeactivateOnIdle();
            return;
        }

        if (_storage is EncryptedStreamStorage encrypted)
        {
            await _io.WaitAsync();
            try
            {
                await encrypted.ResealAsync();
            }
            finally
            {
                _io.Release();
            }
        }
    }

    public Task Close()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
