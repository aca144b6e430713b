using Natrium.Contracts.Messages;

namespace Natrium.Gateway.Hosting;

/// The other live gateways of the cluster as this one last heard of them from the directory
/// (with its connect_urls, every ClientUrlDirectory.Interval): what /routez lists and where a
/// cluster-wide /connz asks. Empty alone, and until the directory has a full round of check-ins.
public sealed partial class GatewayNode
{
    private ClusterNode[] _clusterNodes = [];

    /// The other live gateways (not this one), by server name; at most ClientUrlDirectory.Expiry
    /// late in dropping one that died.
    public IReadOnlyList<ClusterNode> ClusterNodes => Volatile.Read(ref _clusterNodes);

    /// Answers another node's cluster-wide /connz for this gateway's connections, from the
    /// request's query string; set by the host, which owns /connz. Null: this gateway answers
    /// nothing (the asker lists it as missing).
    public Func<string, ConnzPart>? ConnzPart { get; set; }

    /// This gateway as the directory lists it to the others.
    private ClusterNode AsClusterNode()
    {
        var (host, port) = SiloEndPoint();
        return new ClusterNode(ServerId, Options.ServerName ?? ServerId, Self.Observer, host, port, Started);
    }

    /// Where this gateway's silo listens for the other nodes (its advertised address and silo
    /// port); empty and 0 outside a silo.
    public (string Host, int Port) SiloEndPoint()
    {
        if (_silo.Length == 0)
        {
            return (string.Empty, 0);
        }

        var endPoint = SiloAddress.FromParsableString(_silo).Endpoint;
        return (endPoint.Address.ToString(), endPoint.Port);
    }

    private void ApplyClusterNodes(ClusterNode[] others) => Volatile.Write(ref _clusterNodes, others);
}
