using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Natrium.Gateway.Hosting;
using Natrium.Silo.Monitoring;

namespace Natrium.Silo.Hosting;

/// Writes `<program name>_<pid>.ports` into ports_file_dir once every listener is up, in
/// nats-server's shape ({"nats":[urls],"monitoring":[urls],"websocket":[urls]}), and removes it on clean
/// shutdown. Client test harnesses read it to find a server started with `-p -1`. Written when
/// the host has started (the monitoring listener binds after every hosted service) and the
/// client ports are open.
internal sealed class PortsFile(ServerOptions options, IEnumerable<GatewayNode> gateways, IHostApplicationLifetime lifetime, ClientPortsOpening opening, IServiceProvider services) : IHostedService
{
    private string? _path;

    /// nats-server's name: the program's name as started (a link named nats-server writes
    /// nats-server_<pid>.ports, where client test harnesses look for it).
    public static string FileName(string programName, int processId) => $"{programName}_{processId}.ports";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.PortsFileDir is not null)
        {
            // Once the client ports are open too (ClientPortsOpening); never when they failed.
            lifetime.ApplicationStarted.Register(() => opening.Opened.ContinueWith(
                opened => Write(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
        }

        return Task.CompletedTask;
    }

    private void Write()
    {
        var content = new Dictionary<string, string[]>
        {
            ["nats"] = gateways.SelectMany(g => Urls("nats", g.BoundEndPoint!)).ToArray(),
        };
        var websocket = gateways.Where(g => g.WebsocketEndPoint is not null)
            .SelectMany(g => Urls(g.Options.Websocket!.Tls is null ? "ws" : "wss", g.WebsocketEndPoint!)).ToArray();
        if (websocket.Length > 0)
        {
            content["websocket"] = websocket;
        }

        if (options.Monitoring.Enabled && MonitoringHost.BoundEndPoint(services, options.Monitoring) is { } http)
        {
            content["monitoring"] = Urls(options.Monitoring.Https ? "https" : "http", http).ToArray();
        }

        var path = Path.Combine(options.PortsFileDir!, FileName(ProgramName.Current, Environment.ProcessId));

        // Written aside and renamed, so a harness polling for the file never reads half of it.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(content));
        File.Move(temporary, path, overwrite: true);
        _path = path;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_path is not null)
        {
            File.Delete(_path);
        }

        return Task.CompletedTask;
    }

    /// A wildcard bind is reachable on every local address: list them, loopback first.
    private static IEnumerable<string> Urls(string scheme, IPEndPoint endPoint)
    {
        var addresses = endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any)
            ? LocalAddresses()
            : [endPoint.Address];
        return addresses.Select(a => $"{scheme}://{(a.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString())}:{endPoint.Port}");
    }

    private static IEnumerable<IPAddress> LocalAddresses()
    {
        var all = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Distinct();
        return all.OrderBy(a => IPAddress.IsLoopback(a) ? 0 : 1).ThenBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1);
    }
}
