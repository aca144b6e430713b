using Natrium.Silo.Conf;
using Natrium.Silo.Mapping;

namespace Natrium.Tests.Unit.Conf;

/// The example of spec/config.md §1 reads to the right options; its jetstream block's encryption
/// key is refused because Natrium does not encrypt streams yet (it never stores in the clear
/// what the operator asked to encrypt).
public sealed class SpecExampleTests
{
    [Fact]
    public void Config_spec_example_maps_every_supported_key()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-spec-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "accounts.conf"), "max_connections: 500\n");
            var main = Path.Combine(dir.FullName, "natrium.conf");
            File.WriteAllText(main, """
                # natrium.conf
                listen: 0.0.0.0:4222
                server_name: n1
                http_port: 8222
                max_payload: 2MB
                ping_interval: "30s"
                SECRET = "s3cr3t"          # variable (also usable only via $SECRET)
                include ./accounts.conf
                authorization { timeout: 2, users: [ {user: svc, password: $SECRET} ] }
                tls { cert_file: "server.pem", key_file: "server-key.pem", timeout: 2 }
                jetstream { store_dir: "/data", key: $JS_KEY, cipher: aes }
                """);
            var root = ConfParser.ParseFile(main, name => name == "JS_KEY" ? "\"k3y\"" : null);
            var diagnostics = new ConfDiagnostics();
            var options = ServerOptionsMapper.Map(root, diagnostics);

            var gateway = options.Gateways[0];
            Assert.Equal(("0.0.0.0", 4222, "n1"), (gateway.Host, gateway.Port, gateway.ServerName));
            Assert.Equal(8222, options.Monitoring.Port);
            Assert.Equal(2 * 1024 * 1024, gateway.MaxPayload);
            Assert.Equal(TimeSpan.FromSeconds(30), gateway.PingInterval);
            Assert.Equal(500, gateway.MaxConnections);
            Assert.Equal(TimeSpan.FromSeconds(2), gateway.Authorization.Timeout);
            Assert.Equal(("svc", "s3cr3t"), (gateway.Authorization.Users[0].Name, gateway.Authorization.Users[0].Password));
            Assert.Equal(("server.pem", "server-key.pem", TimeSpan.FromSeconds(2)), (gateway.Tls!.CertFile, gateway.Tls.KeyFile, gateway.Tls.Timeout));
            Assert.Empty(diagnostics.Errors);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
