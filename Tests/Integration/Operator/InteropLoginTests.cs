using System.Text.Json;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Operator;

/// An operator, accounts and a bearer user made by another implementation (@nats-io/jwt, the
/// fixture of Tests/Fixtures/jwt-interop), trusted and logged in with end to end: our server
/// is never tested only against JWTs our own encoder made.
public sealed class InteropFixture : BrokerFixture
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(RepositoryPaths.Root, "Tests", "Fixtures", "jwt-interop", "nats-jwt-js.json"))).RootElement;

    public static string Key(string name) => Fixture.GetProperty("keys").GetProperty(name).GetString()!;

    public static string Token(string caseName) => Fixture.GetProperty("cases").EnumerateArray()
        .First(c => c.GetProperty("name").GetString() == caseName).GetProperty("token").GetString()!;

    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Operators = new TrustedOperators
        {
            OperatorJwts = [Token("operator")],
            OperatorKeys = [Key("operator")],
            AccountSigners = [Key("operator"), Key("operatorSigner")],
            SystemAccount = Key("importer"),
            Resolver = new AccountResolverOptions
            {
                Kind = ResolverKind.Memory,
                Preload = new Dictionary<string, string>
                {
                    [Key("importer")] = Token("tiered-account"),
                    [Key("loginAccount")] = Token("login-account"),
                },
            },
        },
        SystemAccount = Key("importer"),
    };
}

public sealed class InteropLoginTests(InteropFixture broker) : IClassFixture<InteropFixture>
{
    [Fact]
    public async Task Bearer_user_made_by_nats_io_jwt_logs_in_with_its_permissions()
    {
        var (client, _) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync($"CONNECT {{\"verbose\":false,\"jwt\":\"{InteropFixture.Token("login-user")}\"}}\r\nSUB interop.x 1\r\nPUB interop.x 2\r\nok\r\nPUB other.x 2\r\nno\r\nPING\r\n");
            var received = await client.ReadThroughAsync("PONG\r\n");
            Assert.Contains("MSG interop.x 1 2\r\nok\r\n", received, StringComparison.Ordinal);
            Assert.Contains("-ERR 'Permissions Violation for Publish to \"other.x\"'", received, StringComparison.Ordinal);
        }
    }
}
