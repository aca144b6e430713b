namespace Natrium.Grains.Storage;

/// Where SealedGrainStorage keeps its bytes: named blobs, each replaced whole and atomically
/// (a crash leaves the old bytes or the new, never half). Names are StoreNames hashes.
internal interface IStateBlobs
{
    Task<byte[]?> ReadAsync(string name);

    Task WriteAsync(string name, byte[] bytes);

    /// False when there was nothing of that name.
    Task<bool> DeleteAsync(string name);
}
