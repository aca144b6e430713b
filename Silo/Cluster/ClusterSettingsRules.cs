using Natrium.Contracts.Security;
using Natrium.Silo.Hosting;

namespace Natrium.Silo.Cluster;

/// What an `orleans` block implies and requires: the cluster name announced to clients, node
/// certificates that load, and what cannot run on a multi-node cluster yet, refused at start
/// rather than silently kept on one node's disk where another node's grains would not find it:
/// JetStream (its streams are in the local store_dir) and the full resolver (its JWTs too).
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

        if (options.JetStreamConfig is { Enabled: true })
        {
            yield return "orleans: JetStream on a multi-node cluster needs stream storage every node reaches; not supported by Natrium yet, refusing to run with both";
        }

        var trust = options.Operators ?? options.Gateways.Select(g => g.Operators).FirstOrDefault(o => o is not null);
        if (trust?.Resolver.Kind == ResolverKind.Full)
        {
            yield return "orleans: the full resolver keeps JWTs in a local directory; not supported on a multi-node cluster yet, refusing to run with both";
        }
    }
}
