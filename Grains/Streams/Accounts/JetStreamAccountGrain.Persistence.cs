using Natrium.Contracts.Interfaces;
using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams.Accounts;

/// Writing the account's state, and resealing it and its streams in a key rotation.
internal sealed partial class JetStreamAccountGrain
{
    private bool _registered;

    /// The registry hears of the account before its first write, so a rotation finds it.
    private async Task PersistAsync()
    {
        if (!_registered)
        {
            await GrainFactory.GetGrain<IJetStreamRegistryGrain>(JetStreamRegistry.Key).Add(Account);
            _registered = true;
        }

        await stored.WriteStateAsync();
    }

    public async Task<int> Reseal()
    {
        // Written even when it read as absent: a state that did not open refuses the write,
        // so the rotation reports this account instead of passing over it.
        await stored.WriteStateAsync();
        var streams = 0;
        foreach (var (name, config) in _configs)
        {
            if (config.Storage == StorageType.File)
            {
                await StreamGrain(name).Reseal();
                streams++;

                // Running again at once (a stream stored before the key reopens sealed) and
                // delivering through the gateways it had.
                await StreamGrain(name).Snapshot();
                foreach (var gateway in _subscribers.Values)
                {
                    _ = StreamGrain(name).Attach(gateway);
                }
            }
        }

        return streams;
    }

    public async Task Close()
    {
        foreach (var name in _configs.Keys)
        {
            await StreamGrain(name).Close();
        }

        DeactivateOnIdle();
    }
}
