using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using Natrium.Gateway.Hosting;
using Natrium.Silo.Cli;
using Natrium.Silo.Hosting;

namespace Natrium.Tests.TestKit;

/// natrium in this process from a config body, read by the silo's own loader exactly as
/// `natrium -c` reads it, with its listener doubled into two gateways (A and B) on free ports
/// of 127.0.0.1 so that every check also runs across gateways.
///
/// With NATRIUM_REFERENCE_SERVER set to a nats-server binary (e.g. /usr/sbin/nats-server, 2.9.10)
/// the same body runs in that server instead and both "gateways" are its one port: the tests
/// then show what the reference does, which is how their expectations were checked.
public abstract class ConfiguredBroker : IAsyncLifetime
{
    public const string ReferenceVariable = "NATRIUM_REFERENCE_SERVER";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("natrium-conf-host-");
    private IHost? _host;
    private Process? _reference;

    /// The config without `listen`; `{store}` stands for a store directory of the fixture's own.
    protected abstract string ConfigBody { get; }

    public int PortA { get; private set; }

    public int PortB { get; private set; }

    /// The silo's services (its grain factory, for tests that act on grains directly).
    public IServiceProvider Services => _host!.Services;

    public string StoreDir => Path.Combine(_dir.FullName, "store");

    /// The nats-server binary this fixture runs instead of natrium, or null: NATRIUM_REFERENCE_SERVER
    /// unless a fixture decides otherwise (a differential test that needs both servers at once).
    protected virtual string? ReferenceServer => ConfiguredReference;

    public static string? ConfiguredReference => Environment.GetEnvironmentVariable(ReferenceVariable) is { Length: > 0 } server ? server : null;

    public static bool AgainstReference => ConfiguredReference is not null;

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_dir.FullName, "broker.conf");
        var body = ConfigBody.Replace("{store}", StoreDir.Replace("\\", "/", StringComparison.Ordinal), StringComparison.Ordinal);
        if (ReferenceServer is { } server)
        {
            await File.WriteAllTextAsync(file, $"listen: 127.0.0.1:-1\nports_file_dir: \"{_dir.FullName}\"\n{body}");
            PortA = PortB = await StartReferenceAsync(server, file);
            return;
        }

        await File.WriteAllTextAsync(file, "listen: 127.0.0.1:-1\n" + body);
        var (options, diagnostics) = ServerOptionsLoader.Load(new CommandLineOptions { ConfigFile = file });
        Assert.True(options is not null, "the config is valid: " + string.Join("; ", diagnostics.Errors));
        var gateway = options.Gateways[0];
        _host = NatriumHost.Build(options with
        {
            Gateways = [gateway with { ServerName = "A" }, gateway with { ServerName = "B" }],
            LogLevel = LogLevel.Warning,
        });
        await _host.StartAsync();
        var gateways = _host.Services.GetServices<GatewayNode>().ToArray();
        (PortA, PortB) = (gateways[0].BoundEndPoint!.Port, gateways[1].BoundEndPoint!.Port);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        if (_reference is not null)
        {
            _reference.Kill(entireProcessTree: true);
            await _reference.WaitForExitAsync();
            _reference.Dispose();
        }

        _dir.Delete(recursive: true);
    }

    /// A NATS.Net connection as user (password "pw") to gateway A or B, connected.
    public async Task<NatsConnection> ConnectAsync(string user, bool toB = false)
    {
        var connection = new NatsConnection(new NatsOpts
        {
            Url = $"nats://127.0.0.1:{(toB ? PortB : PortA)}",
            Name = user,
            AuthOpts = NatsAuthOpts.Default with { Username = user, Password = "pw" },
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
        await connection.ConnectAsync();
        return connection;
    }

    /// A raw connection as user (password "pw") with headers and no_responders, subscribed to
    /// `_INBOX.>` (sid 1) for the answers to its requests.
    public async Task<RawClient> RawAsync(string user, bool toB = false)
    {
        var (client, _) = await RawClient.ConnectAsync(toB ? PortB : PortA);
        await client.SendAsync($"CONNECT {{\"user\":\"{user}\",\"pass\":\"pw\",\"verbose\":false,\"headers\":true,\"no_responders\":true,\"protocol\":1}}\r\nSUB _INBOX.> 1\r\n");
        await client.PingAsync();
        return client;
    }

    private async Task<int> StartReferenceAsync(string server, string file)
    {
        var info = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(file);
        _reference = Process.Start(info)!;
        _reference.OutputDataReceived += (_, _) => { };
        _reference.ErrorDataReceived += (_, _) => { };
        _reference.BeginOutputReadLine();
        _reference.BeginErrorReadLine();
        var ports = Path.Combine(_dir.FullName, $"{Path.GetFileName(server)}_{_reference.Id}.ports");
        var port = 0;
        await Eventually.TrueAsync(() => (port = PortIn(ports)) > 0 || _reference.HasExited, "the reference server writes its ports file", timeout: TimeSpan.FromSeconds(15));
        Assert.False(_reference.HasExited, "the reference server exited");
        return port;
    }

    // The file may be there but not yet complete.
    private static int PortIn(string ports)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(ports));
            return new Uri(json.RootElement.GetProperty("nats")[0].GetString()!).Port;
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return 0;
        }
    }
}
