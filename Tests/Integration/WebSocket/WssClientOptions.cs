using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using NATS.Client.Core;

namespace Natrium.Tests.Integration.WebSocket;

/// NATS.Net over wss:// against the test CA: trusts it and presents a client certificate when given.
public static class WssClientOptions
{
    public static Func<NatsOpts, NatsOpts> Presenting(string caFile, (string Cert, string Key)? client) => o => o with
    {
        MaxReconnectRetry = 0,
        WebSocketOpts = new NatsWebSocketOpts
        {
            ConfigureClientWebSocketOptions = (_, options, _) =>
            {
                Configure(options, caFile, client);
                return ValueTask.CompletedTask;
            },
        },
    };

    public static void Configure(ClientWebSocketOptions options, string caFile, (string Cert, string Key)? client)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
        options.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(new X509Certificate2(certificate));
        };
        if (client is { } c)
        {
            options.ClientCertificates = [X509Certificate2.CreateFromPemFile(c.Cert, c.Key)];
        }
    }
}
