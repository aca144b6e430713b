namespace Natrium.Contracts.Messages;

/// Where clients reach one gateway: its NATS URL and its websocket URL (each null when not
/// advertised, or for websocket, when the node has no websocket listener).
[GenerateSerializer, Immutable, Alias("natrium.client-urls")]
public sealed record ClientUrls(
    [property: Id(0)] string? Nats,
    [property: Id(1)] string? Websocket);

/// The other live gateways' advertised URLs: `connect_urls` for NATS clients and for websocket
/// clients (nats-server sends a websocket client the websocket URLs in its `connect_urls`);
/// and the other live gateways themselves (advertised or not), for monitoring.
[GenerateSerializer, Immutable, Alias("natrium.cluster-client-urls")]
public sealed record ClusterClientUrls(
    [property: Id(0)] string[] Nats,
    [property: Id(1)] string[] Websocket,
    [property: Id(2)] ClusterNode[] Nodes);
