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
        if (!stored.RecordExists)
        {
            return 0;
        }

        await stored.WriteStateAsync();
        var streams = 0;
        foreach (var (name, config) in _configs)
        {
            if (config.Storage == StorageType.File)
            {
                await StreamGrain(name).Reseal();
                streams++;
            }
        }

        return streams;
    }
}
