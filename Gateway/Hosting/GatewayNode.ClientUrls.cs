using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;

namespace Natrium.Gateway.Hosting;

/// connect_urls (spec/monitoring_cluster.md §10): in a cluster, every few seconds the gateway
/// checks in with the cluster's directory of client URLs and learns the others'. When the set
/// changes (a node joined, left or died), INFO carries the new list — own URL first — and
/// clients that can take an async INFO get one, so NATS.Net knows where to reconnect. Check-ins
/// end at a clean stop or in lame duck mode (GatewayNode.LameDuck).
public sealed partial class GatewayNode
{
    private string[] _connectUrls = [];
    private Task? _checkIns;
    private readonly CancellationTokenSource _checkInsStopped = new();
    private int _leftCluster;
    private long _connectUrlsVersion;

    /// Bumped at each change of connect_urls, so a client that had not had its first PONG when
    /// the async INFO went out gets the new list after it (ClientConnection.OnPongSent).
    internal long ConnectUrlsVersion => Interlocked.Read(ref _connectUrlsVersion);

    /// The URL clients reach this gateway at: client_advertise, else the listen address (for a
    /// wildcard listen address, this machine's first non-loopback IP), with the bound port.
    internal string ClientUrl => Options.ClientAdvertise ?? $"{HostForClients(Options.Host)}:{BoundEndPoint!.Port}";

    /// The websocket listener's URL for clients (its `advertise`, else its listen address), or
    /// null without one.
    internal string? WebsocketUrl => Options.Websocket is { } ws && WebsocketEndPoint is { } bound
        ? ws.Advertise ?? $"{HostForClients(ws.Host)}:{bound.Port}"
        : null;

    private void StartCheckIns()
    {
        if (Options.ClusterName is not null)
        {
            _checkIns = Task.Run(CheckInLoopAsync);
        }
    }

    private async Task CheckInLoopAsync()
    {
        using var timer = new PeriodicTimer(ClientUrlDirectory.Interval);
        var directory = Grains.GetGrain<IClientUrlDirectoryGrain>(ClientUrlDirectory.Key);
        do
        {
            try
            {
                ApplyConnectUrls(await directory.CheckIn(AsClusterNode(), Options.NoAdvertise ? new ClientUrls(null, null) : new ClientUrls(ClientUrl, WebsocketUrl)));
            }
            catch (Exception e)
            {
                if (!_checkInsStopped.IsCancellationRequested)
                {
                    LogCheckInFailed(Logger, e.Message);
                }
            }
        }
        while (await WaitNextAsync(timer));
    }

    private async Task<bool> WaitNextAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_checkInsStopped.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// others: the other gateways' URLs; null while the directory is still learning them.
    private void ApplyConnectUrls(ClusterClientUrls? others)
    {
        if (others is null)
        {
            return;
        }

        ApplyClusterNodes(others.Nodes);
        var urls = OwnFirst(ClientUrl, others.Nats);
        var websocketUrls = WebsocketUrl is { } own ? OwnFirst(own, others.Websocket) : [];
        if (urls.AsSpan().SequenceEqual(_connectUrls) && websocketUrls.AsSpan().SequenceEqual(Info.WebsocketConnectUrls))
        {
            return;
        }

        _connectUrls = urls;
        Info = Info with { ConnectUrls = urls, WebsocketConnectUrls = websocketUrls };
        Interlocked.Increment(ref _connectUrlsVersion);
        foreach (var client in _clients.Values)
        {
            client.SendAsyncInfo(Info);
        }
    }

    private string[] OwnFirst(string own, string[] others) =>
        Options.NoAdvertise || others.Length == 0 ? [] : [own, .. others.Where(u => u != own)];

    /// Ends the check-ins; once this returns none is in flight, so none can list this URL again.
    private async Task StopCheckInsAsync()
    {
        await _checkInsStopped.CancelAsync();
        if (_checkIns is not null)
        {
            await _checkIns;
        }
    }

    /// Leaves the directory (at a clean stop, or in lame duck mode), so the other nodes drop this
    /// URL at their next check-in. Only the first call asks the directory.
    private async Task LeaveClusterAsync()
    {
        await StopCheckInsAsync();
        if (_checkIns is null || Interlocked.Exchange(ref _leftCluster, 1) != 0)
        {
            return;
        }

        try
        {
            await Grains.GetGrain<IClientUrlDirectoryGrain>(ClientUrlDirectory.Key).Leave(ServerId).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e)
        {
            LogCheckInFailed(Logger, e.Message);
        }
    }

    private static string HostForClients(string host)
    {
        var address = IPAddress.Parse(host);
        if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            return host;
        }

        var found = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return (found ?? IPAddress.Loopback).ToString();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cluster check-in failed (retried): {Cause}")]
    private static partial void LogCheckInFailed(ILogger logger, string cause);
}
