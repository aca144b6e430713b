namespace Natrium.Contracts.JetStream;

/// One account's JetStream for monitoring (/jsz, /varz, `$SYS.REQ.…JSZ`): every stream by name
/// with its snapshot, and the account's API counters (account-level and stream-level requests);
/// when asked for, each stream's consumers (their CONSUMER.INFO JSON), in the streams' order.
[GenerateSerializer, Immutable, Alias("natrium.jetstream-report")]
public sealed record JetStreamReport(
    [property: Id(0)] IReadOnlyList<string> Names,
    [property: Id(1)] IReadOnlyList<StreamSnapshot> Streams,
    [property: Id(2)] ulong ApiTotal,
    [property: Id(3)] ulong ApiErrors,
    [property: Id(4)] IReadOnlyList<IReadOnlyList<byte[]>>? Consumers = null);
