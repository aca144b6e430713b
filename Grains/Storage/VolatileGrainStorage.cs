using Orleans.Storage;

namespace Natrium.Grains.Storage;

/// Grain storage that keeps nothing: for the MEMORY and URL resolvers, whose pushed JWTs live
/// only in the running account grain (nats-server's rule for MEMORY: updates apply in memory,
/// a later lookup returns the preloaded JWT again), and for config mode, which has no JWTs.
internal sealed class VolatileGrainStorage : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
