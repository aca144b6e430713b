using Natrium.Contracts.Interfaces;
using Natrium.Grains.Streams.Hosting;

namespace Natrium.Grains.Streams.Accounts;

/// The accounts with stored JetStream state, persisted (sealed under the server's key) where
/// their state is. Only account grains write it, and only their own name.
// Stays with the node's JetStream store, as its streams do (StreamGrain).
[Orleans.Placement.Immovable]
internal sealed class JetStreamRegistryGrain(
    [PersistentState("registry", JetStreamHostOptions.StorageName)] IPersistentState<JetStreamRegistryState> stored) : Grain, IJetStreamRegistryGrain
{
    public async Task Add(string account)
    {
        if (stored.State.Accounts.Add(account))
        {
            await stored.WriteStateAsync();
        }
    }

    public Task<string[]> Accounts() => Task.FromResult(stored.State.Accounts.Order(StringComparer.Ordinal).ToArray());

    public async Task Reseal()
    {
        if (stored.RecordExists)
        {
            await stored.WriteStateAsync();
        }
    }
}

[GenerateSerializer, Alias("natrium.jetstream-registry-state")]
internal sealed class JetStreamRegistryState
{
    [Id(0)] public HashSet<string> Accounts { get; set; } = new(StringComparer.Ordinal);
}
