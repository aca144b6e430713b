namespace Natrium.Contracts.Messages;

/// Interest of another gateway, as a shard grain pushes it: absolute count per
/// (gateway, subject, queue); 0 means that gateway no longer has the interest.
[GenerateSerializer, Immutable, Alias("natrium.remote-interest")]
public sealed record RemoteInterest(
    [property: Id(0)] GatewayRef Gateway,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Queue,
    [property: Id(3)] int Count);
