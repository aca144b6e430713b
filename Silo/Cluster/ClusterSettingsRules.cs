using Natrium.Contracts.Security;
using Natrium.Silo.Hosting;

namespace Natrium.Silo.Cluster;

/// What an `orleans` block implies and requires: the cluster name announced to clients and node
/// certificates that load.
internal static class ClusterSettingsRules
{
    /// A node of an orleans cluster announces a cluster name even without `cluster { name }`:
    /// the cluster id, which every node shares.
    public static ServerOptions ApplyName(ServerOptions options) => options.Cluster is not { } cluster
        ? options
        : options with { Gateways = [.. options.Gateways.Select(g => g with { ClusterName = g.ClusterName ?? cluster.ClusterId })] };

    public static IEnumerable<string> Validate(ServerOptions options)
    {
        if (options.Cluster is null)
        {
            yield break;
        }

        if (options.Cluster.Tls is { } tls && NodeCertificates.Load(tls, out var error) is null)
        {
            yield return error!;
        }
    }
}
