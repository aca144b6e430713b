using Natrium.Silo.Cluster;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Unit.Conf;

/// Who counts as a member for mutual TLS between nodes: a certificate the cluster's CA signed.
public sealed class NodeCertificatesTests
{
    [Fact]
    public void A_certificate_of_the_clusters_ca_is_a_peer_and_one_of_another_ca_is_not()
    {
        using var clusterCa = new TestCertificates("Cluster CA");
        using var otherCa = new TestCertificates("Other CA");
        var (cert, key) = clusterCa.Issue("node0", "CN=node0", node: true);
        var node = NodeCertificates.Load(new NodeTls(cert, key, clusterCa.CaFile), out var error);
        Assert.Null(error);
        var (peerCert, peerKey) = clusterCa.Issue("node1", "CN=node1");
        var (strangerCert, strangerKey) = otherCa.Issue("node2", "CN=node2");
        Assert.True(node!.IsPeer(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(peerCert, peerKey)));
        Assert.False(node.IsPeer(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(strangerCert, strangerKey)));
        Assert.False(node.IsPeer(null));
        Assert.Null(NodeCertificates.Load(new NodeTls(cert, key, "/nonexistent/ca.pem"), out var missing));
        Assert.StartsWith("orleans: tls certificates do not load", missing, StringComparison.Ordinal);

        // A node is both server and client to its peers: a certificate for one use only is refused.
        var (serverOnly, serverOnlyKey) = clusterCa.Issue("server-only", "CN=server-only", serverAuth: true);
        Assert.Null(NodeCertificates.Load(new NodeTls(serverOnly, serverOnlyKey, clusterCa.CaFile), out var oneUse));
        Assert.Equal("orleans: the tls certificate must allow both server and client authentication (a node is both to its peers)", oneUse);
    }
}
