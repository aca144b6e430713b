using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// SIGHUP re-reads the config file, as with nats-server; a broken file changes nothing.
public sealed class ReloadTests
{
    [Fact]
    public async Task Sighup_applies_new_limits_and_rejects_an_invalid_file()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync("max_payload: 2KB\n");
        Assert.Equal(2048, await MaxPayloadSeenAsync(natrium.Url));

        await natrium.ReloadAsync("max_payload: 4KB\n");
        await Eventually.TrueAsync(async () => await MaxPayloadSeenAsync(natrium.Url) == 4096, "new connections see max_payload 4096 after SIGHUP");

        // The second reload goes through nats-server's --signal form.
        await natrium.RewriteAsync("max_payload: 8KB\nbogus_key: 1\n");
        var (signalled, signalOutput) = await NatriumProcess.RunAsync("--signal", $"reload={natrium.Process.Id}");
        Assert.True(signalled == 0, signalOutput);
        await natrium.Process.WaitForOutputAsync("Failed to reload server configuration");
        Assert.False(natrium.Process.HasExited);
        Assert.Equal(4096, await MaxPayloadSeenAsync(natrium.Url));
    }

    private static async Task<long> MaxPayloadSeenAsync(string url)
    {
        await using var nc = new NatsConnection(new NatsOpts { Url = url });
        await nc.ConnectAsync();
        return nc.ServerInfo!.MaxPayload;
    }
}
