namespace Natrium.Grains.Streams.Hosting;

/// JetStream as this silo runs it (the server's `jetstream { }` block and `-js`/`-sd`): where
/// file streams live, how often they reach the disk, and the server-wide byte caps. Secrets of
/// encryption at rest are not here.
public sealed record JetStreamHostOptions
{
    /// Streams go under `<StoreDir>/streams`, grain state under `<StoreDir>/state`.
    public required string StoreDir { get; init; }

    /// `sync_interval: always`: fsync before every pub ack.
    public bool SyncAlways { get; init; }

    /// How often written data is fsynced otherwise (nats-server's default: 2 minutes).
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// `max_memory_store` / `max_file_store`: -1 none.
    public long MaxMemoryStore { get; init; } = -1;

    public long MaxFileStore { get; init; } = -1;

    /// The JetStream domain (pub acks and API answers name it), or null.
    public string? Domain { get; init; }

    /// The grain-storage provider name stream and account state persist through.
    public const string StorageName = "natrium-jetstream";
}
