using Natrium.Contracts.Messages;

namespace Natrium.Contracts.Interfaces;

/// The client URLs of the cluster's live gateways (key: ClientUrlDirectory.Key), from which each
/// gateway builds the INFO `connect_urls` its clients reconnect through. Gateways check in every
/// few seconds; one that stops (its node died) drops out after ClientUrlDirectory.Expiry.
public interface IClientUrlDirectoryGrain : IGrainWithStringKey
{
    /// Records that the gateway lives with these URLs and returns the advertised URLs of the
    /// other live gateways, and those gateways; null while a new activation has not yet heard a
    /// full round of check-ins (ClientUrlDirectory.WarmUp), meaning "keep what you have".
    Task<ClusterClientUrls?> CheckIn(ClusterNode gateway, ClientUrls urls);

    /// A gateway that stops cleanly leaves at once.
    Task Leave(string gatewayId);
}

public static class ClientUrlDirectory
{
    public const string Key = "client-urls";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(7);

    /// Two check-in intervals: long enough for every live gateway to have checked in with a new
    /// activation (after its node stopped or died), so no client is told of an empty cluster.
    public static readonly TimeSpan WarmUp = Interval * 2;
}
