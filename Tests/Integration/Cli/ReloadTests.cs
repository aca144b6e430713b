using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// SIGHUP re-reads the config file, as with nats-server; a broken file changes nothing.
public sealed class ReloadTests
{
    [Fact]
    public async Task Sighup_applies_new_limits_and_rejects_an_invalid_file()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-reload-");
        try
        {
            var conf = Path.Combine(dir.FullName, "n.conf");
            var header = $"listen: 127.0.0.1:-1\nports_file_dir: \"{dir.FullName}\"\n";
            await File.WriteAllTextAsync(conf, header + "max_payload: 2KB\n");
            await using var natrium = NatriumProcess.Start("-c", conf);
            var (url, _) = await natrium.WaitForPortsAsync(dir.FullName);
            Assert.Equal(2048, await MaxPayloadSeenAsync(url));

            await File.WriteAllTextAsync(conf, header + "max_payload: 4KB\n");
            Posix.Kill(natrium.Id, Posix.SigHup);
            await Eventually.TrueAsync(async () => await MaxPayloadSeenAsync(url) == 4096, "new connections see max_payload 4096 after SIGHUP");

            // The second reload goes through nats-server's --signal form.
            await File.WriteAllTextAsync(conf, header + "max_payload: 8KB\nbogus_key: 1\n");
            var (signalled, signalOutput) = await NatriumProcess.RunAsync("--signal", $"reload={natrium.Id}");
            Assert.True(signalled == 0, signalOutput);
            await Eventually.TrueAsync(() => natrium.Output.Contains("Config reload failed", StringComparison.Ordinal), "the invalid file is reported", () => natrium.Output);
            Assert.False(natrium.HasExited);
            Assert.Equal(4096, await MaxPayloadSeenAsync(url));
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
