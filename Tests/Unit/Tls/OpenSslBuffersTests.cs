using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Natrium.Gateway.Tls;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Unit.Tls;

/// The OpenSSL mode that frees an idle connection's record buffer is reached through a private
/// field of SslStream: this is where a runtime that moved it shows, and where the session is
/// seen to go on working with the buffers released and allocated again between messages.
public sealed class OpenSslBuffersTests
{
    [Fact]
    public async Task A_server_session_releases_its_buffers_when_idle_and_still_carries_data_both_ways()
    {
        using var certs = new TestCertificates();
        using var certificate = TlsMaterial.LoadServerCertificate(certs.ServerCertFile, certs.ServerKeyFile);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var clientTcp = new TcpClient();
        var connecting = clientTcp.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var serverTcp = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await connecting;

        await using var server = new SslStream(serverTcp.GetStream());
        await using var client = new SslStream(clientTcp.GetStream(), false, (_, _, _, _) => true);
        await Task.WhenAll(
            server.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }),
            client.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" })).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(OpenSslBuffers.ReleaseWhenIdle(server));
        Assert.NotEqual(0, OpenSslBuffers.Mode(server, 0)!.Value & OpenSslBuffers.ReleaseBuffersMode);

        for (var round = 0; round < 3; round++)
        {
            var sent = new byte[40_000 + round];
            Random.Shared.NextBytes(sent);
            await client.WriteAsync(sent);
            var received = new byte[sent.Length];
            await server.ReadExactlyAsync(received).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(sent, received);

            await server.WriteAsync(received.AsMemory(0, 100));
            var echoed = new byte[100];
            await client.ReadExactlyAsync(echoed).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(sent.AsSpan(0, 100).ToArray(), echoed);
        }
    }
}
