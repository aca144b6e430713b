using Natrium.Contracts.Interfaces;

namespace Natrium.Contracts.Messages;

/// A gateway as other gateways see it: its identity and the observer that receives
/// interest pushes and message batches for it.
[GenerateSerializer, Immutable, Alias("natrium.gateway-ref")]
public sealed record GatewayRef(
    [property: Id(0)] string Id,
    [property: Id(1)] IGatewayObserver Observer,
    [property: Id(2)] string Silo = "");
