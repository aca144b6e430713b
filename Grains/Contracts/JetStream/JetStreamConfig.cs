namespace Natrium.Contracts.JetStream;

/// The `jetstream { }` block (spec/jetstream_encryption.md): storage, limits and encryption at
/// rest. Key and PreviousKey are secrets: never logged. Cipher: "chacha" (default) or "aes".
[GenerateSerializer, Immutable, Alias("natrium.jetstream-config")]
public sealed record JetStreamConfig
{
    [Id(0)] public bool Enabled { get; init; } = true;
    [Id(1)] public string? StoreDir { get; init; }
    [Id(2)] public long? MaxMemoryStore { get; init; }
    [Id(3)] public long? MaxFileStore { get; init; }
    [Id(4)] public string? Key { get; init; }
    [Id(5)] public string? PreviousKey { get; init; }
    [Id(6)] public string Cipher { get; init; } = "chacha";
    [Id(7)] public string? Domain { get; init; }
    [Id(8)] public TimeSpan? SyncInterval { get; init; }

    /// sync_interval: always.
    [Id(9)] public bool SyncAlways { get; init; }

    /// Natrium's extension: a directory of account keys, `<account>.key` (and `<account>.prev.key`
    /// while rotating), for accounts that are not in the config file (operator mode).
    [Id(10)] public string? AccountKeysDir { get; init; }

    public override string ToString() => $"JetStreamConfig {{ StoreDir = {StoreDir}, Cipher = {Cipher}, Key = {(Key is null ? "none" : "[REDACTED]")} }}";
}
