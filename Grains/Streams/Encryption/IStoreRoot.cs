namespace Natrium.Grains.Streams.Encryption;

/// Where a store keeps its own few records beside the data: the sealed naming key and the
/// marker of a sealing pass still owed. A directory for the embedded default (FileStoreRoot),
/// Redis for a cluster whose nodes share one store (Storage.Redis.RedisStoreRoot).
internal interface IStoreRoot
{
    /// For log lines: where the store is, never a secret.
    string Description { get; }

    /// The sealed naming key, or null when the store has none yet.
    byte[]? ReadNamingKey();

    /// Stores the first naming key unless another process stored one first (false then: read
    /// that one instead), so nodes starting together agree on one key.
    bool TryCreateNamingKey(byte[] sealedKey);

    /// Replaces the naming key, sealed again under a new server key.
    void ReplaceNamingKey(byte[] sealedKey);

    bool SealPending { get; }

    void MarkSealPending();

    void ClearSealPending();

    /// Whether the store held any grain state or stream before it had a naming key.
    bool HoldsAnything();
}
