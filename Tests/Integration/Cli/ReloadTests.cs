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

    [Fact]
    public async Task The_node_returns_its_unused_heap_after_start_up_and_after_a_reload_that_applied()
    {
        const string accounts = "debug: true\naccounts: { A: { users: [{user: a, password: a}] }, B: { users: [{user: b, password: b}] } }\n";
        await using var natrium = await ConfiguredNatrium.StartAsync(accounts);
        await natrium.Process.WaitForOutputAsync("of unused heap to the OS after start-up");

        await natrium.ReloadAsync(accounts.Replace("password: b", "password: c"));
        await natrium.Process.WaitForOutputAsync("of unused heap to the OS after the reload");
        Assert.Contains("Reloaded server configuration", natrium.Process.Output);
        Assert.Matches(@"\[DBG\] Returned \d+ MiB of unused heap to the OS after the reload \(live heap \d+ MiB, \d+ ms\)", natrium.Process.Output);

        // A rejected file allocated too, but changed nothing: no pause for the clients.
        await natrium.ReloadAsync("bogus_key: 1\n");
        await natrium.Process.WaitForOutputAsync("Failed to reload server configuration");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(natrium.Process.Output, "after the reload"));
    }

    [Fact]
    public async Task A_node_started_with_sighup_ignored_still_reloads_on_sighup_as_nats_server_does()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync("max_payload: 2KB\n", hangupIgnored: true);
        Assert.Equal(2048, await MaxPayloadSeenAsync(natrium.Url));

        await natrium.ReloadAsync("max_payload: 4KB\n");
        await natrium.Process.WaitForOutputAsync("Reloaded server configuration");
        Assert.Equal(4096, await MaxPayloadSeenAsync(natrium.Url));
    }

    [Fact]
    public async Task Sighup_without_a_config_file_is_refused_with_nats_servers_error_and_the_node_stays()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-noconf-");
        try
        {
            await using var natrium = NatriumProcess.Start("-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", dir.FullName);
            var (url, _) = await natrium.WaitForPortsAsync(dir.FullName);

            Posix.Kill(natrium.Id, Posix.SigHup);
            await natrium.WaitForOutputAsync("Failed to reload server configuration: can only reload config when a file is provided using -c or --config");
            Assert.False(natrium.HasExited);
            Assert.Equal(1024 * 1024, await MaxPayloadSeenAsync(url));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<long> MaxPayloadSeenAsync(string url)
    {
        await using var nc = new NatsConnection(new NatsOpts { Url = url });
        await nc.ConnectAsync();
        return nc.ServerInfo!.MaxPayload;
    }
}
