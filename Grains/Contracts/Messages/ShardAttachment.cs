namespace Natrium.Contracts.Messages;

/// What a shard grain answers a gateway that attaches: every other attached gateway (the
/// interest it holds from them is the whole truth about them) and their interest. Interest a
/// gateway holds from gateways not in the list stays until they attach too: a shard that
/// started again empty after a node loss does not hide the subscribers of a survivor that has
/// not re-attached yet.
[GenerateSerializer, Immutable, Alias("natrium.shard-attachment")]
public sealed record ShardAttachment(
    [property: Id(0)] GatewayRef[] Gateways,
    [property: Id(1)] RemoteInterest[] Interest);
