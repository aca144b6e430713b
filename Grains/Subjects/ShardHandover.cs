using Natrium.Contracts.Messages;

namespace Natrium.Grains.Subjects;

/// What a shard grain hands to its next activation when Orleans migrates it (rebalancing): the
/// attached gateways, those that only listen, and every interest count, so no gateway has to
/// attach or re-send anything.
[GenerateSerializer, Immutable, Alias("natrium.shard-handover")]
internal sealed record ShardHandover(
    [property: Id(0)] GatewayRef[] Gateways,
    [property: Id(1)] ShardHandoverEntry[] Interest,
    [property: Id(2)] string[]? Listeners);

[GenerateSerializer, Immutable, Alias("natrium.shard-handover-entry")]
internal sealed record ShardHandoverEntry(
    [property: Id(0)] string Subject,
    [property: Id(1)] string Queue,
    [property: Id(2)] string GatewayId,
    [property: Id(3)] int Count);
