using Natrium.Contracts.Accounts;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Accounts;

public sealed class MappingFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            Users =
            [
                new UserConfig("any", "pw", null, AccountNames.Global, null, []),
                new UserConfig("dst", "pw", null, AccountNames.Global, new PermissionsConfig(new SubjectPermission(["dst.>"], null), null, null), []),
            ],
        },
        GlobalMappings =
        [
            new SubjectMapping("orders.*.*", [new MappingDestination("shipping.$2.$1", 100, null)]),
            new SubjectMapping("src.>", [new MappingDestination("dst.>", 100, null)]),
            new SubjectMapping("canary", [new MappingDestination("canary.v1", 80, null), new MappingDestination("canary.v2", 20, null)]),
        ],
    };
}

/// Subject mappings (spec/accounts.md §6): applied to every publish before permissions.
public sealed class MappingTests(MappingFixture broker) : IClassFixture<MappingFixture>
{
    private static string Login(string user) => $"CONNECT {{\"verbose\":false,\"pedantic\":false,\"user\":\"{user}\",\"pass\":\"pw\"}}\r\n";

    [Fact]
    public async Task Wildcard_tokens_are_reordered()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Login("any") + "SUB shipping.> 1\r\nPUB orders.eu.42 1\r\nx\r\n");
        await client.ExpectAsync("MSG shipping.42.eu 1 1\r\nx\r\n");
    }

    [Fact]
    public async Task Permissions_are_checked_on_the_mapped_subject()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        // Allowed only dst.>: publishing src.x is fine because it becomes dst.x.
        await client.SendAsync(Login("dst") + "SUB dst.> 1\r\nPUB src.x 1\r\ny\r\nPUB other 1\r\nz\r\nPING\r\n");
        var received = await client.ReadThroughAsync("PONG\r\n");
        Assert.Contains("MSG dst.x 1 1\r\ny\r\n", received, StringComparison.Ordinal);
        Assert.Contains("-ERR 'Permissions Violation for Publish to \"other\"'", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weighted_mapping_splits_by_weight()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Login("any") + "SUB canary.* 1\r\n");
        await client.PingAsync();
        var batch = string.Concat(Enumerable.Repeat("PUB canary 1\r\nw\r\n", 1000));
        await client.SendAsync(batch + "PING\r\n");
        var received = await client.ReadThroughAsync("PONG\r\n", TimeSpan.FromSeconds(10));
        var v1 = received.Split("MSG canary.v1").Length - 1;
        var v2 = received.Split("MSG canary.v2").Length - 1;
        Assert.Equal(1000, v1 + v2);
        Assert.InRange(v1, 700, 900);
    }
}
