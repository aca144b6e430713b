using System.Diagnostics;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Callout;

/// With no service subscribed, a callout fails at once instead of after the (here 20 s) timeout.
public sealed class AbsentServiceTests(AbsentServiceFixture broker) : IClassFixture<AbsentServiceFixture>
{
    [Fact]
    public async Task No_subscribed_service_fails_at_once_not_after_the_timeout()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        var clock = Stopwatch.StartNew();
        await client.SendAsync("CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"secret\"}\r\nPING\r\n");
        Assert.Equal("-ERR 'Authorization Violation'\r\n", await client.ExpectClosedAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"refused after {clock.Elapsed}");
    }
}

/// Natrium's authentication chain (`local_first`): configured users keep working while the
/// identity service is down; everyone else still needs the service.
public sealed class LocalFirstTests(LocalFirstFixture broker) : IClassFixture<LocalFirstFixture>
{
    [Fact]
    public async Task Configured_users_log_in_locally_while_the_service_is_down()
    {
        await using var local = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "local", Password = "pw" } });
        await local.PingAsync();
    }

    [Theory]
    [InlineData("local", "wrong")]
    [InlineData("alice", "secret")]
    public async Task Anyone_the_local_methods_refuse_still_goes_to_the_service(string user, string password)
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync($"CONNECT {{\"verbose\":false,\"user\":\"{user}\",\"pass\":\"{password}\"}}\r\nPING\r\n");
        Assert.Equal("-ERR 'Authorization Violation'\r\n", await client.ExpectClosedAsync(TimeSpan.FromSeconds(10)));
    }
}
