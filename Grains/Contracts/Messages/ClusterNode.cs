using Natrium.Contracts.Interfaces;

namespace Natrium.Contracts.Messages;

/// A live gateway as the cluster's directory lists it to the others: who it is, where its silo
/// listens for the other nodes, since when it runs, and the observer a monitoring request
/// reaches it through (/routez, cluster-wide /connz).
[GenerateSerializer, Immutable, Alias("natrium.cluster-node")]
public sealed record ClusterNode(
    [property: Id(0)] string ServerId,
    [property: Id(1)] string ServerName,
    [property: Id(2)] IGatewayObserver Observer,
    [property: Id(3)] string SiloHost,
    [property: Id(4)] int SiloPort,
    [property: Id(5)] DateTimeOffset Started);
