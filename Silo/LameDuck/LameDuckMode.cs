using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natrium.Gateway.Hosting;
using Natrium.Silo.Hosting;

namespace Natrium.Silo.LameDuck;

/// SIGUSR2 (`natrium --signal ldm=<pid>`) drains the node as nats-server 2.9.10's lame duck mode
/// does (spec/monitoring_cluster.md §12): stop accepting clients; with none, shut down now;
/// otherwise announce `ldm` to the clients (and leave the cluster's client URL directory), wait
/// the grace period, close the clients one at a time over the rest of the duration, then shut
/// down. The shutdown is the host's graceful stop: the silo leaves the cluster and its grains
/// are deactivated, to be activated again on the other nodes.
internal sealed partial class LameDuckMode(
    ServerOptions options,
    IEnumerable<GatewayNode> gateways,
    IHostApplicationLifetime lifetime,
    ILogger<LameDuckMode> logger) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;
    private int _entered;

    /// SIGUSR2's number: .NET names only the portable signals but accepts a raw number cast to
    /// PosixSignal on Unix.
    private static PosixSignal? UserSignal2 =>
        OperatingSystem.IsLinux() ? (PosixSignal)12
        : OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? (PosixSignal)31
        : null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (UserSignal2 is { } signal)
        {
            _registration = PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                Enter();
            });
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration?.Dispose();

    /// Starts lame duck mode once; a second signal, or one while shutting down, does nothing.
    public void Enter()
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested || Interlocked.Exchange(ref _entered, 1) != 0)
        {
            return;
        }

        _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            LogEntering(logger);
            await Task.WhenAll(gateways.Select(g => g.StopAcceptingAsync()));
            var clients = gateways.Sum(g => g.ClientCount);
            if (clients > 0)
            {
                var schedule = LameDuckSchedule.For(options.LameDuck, clients);
                await Task.WhenAll(gateways.Select(g => g.AnnounceLameDuckAsync()));
                await Task.Delay(options.LameDuck.GracePeriod, stopping);
                LogClosing(logger);
                await CloseClientsAsync(clients, schedule, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped meanwhile (SIGTERM, SIGINT): that shutdown closes the rest.
            return;
        }
        catch (Exception e)
        {
            LogFailed(logger, e.Message);
        }

        ShutDown();
    }

    /// Closes the clients there were, a batch per wait, taking the gateways in turn; none waits
    /// after the last. Clients that left on their own end it early.
    private async Task CloseClientsAsync(int clients, LameDuckSchedule schedule, CancellationToken stopping)
    {
        var nodes = gateways.ToArray();
        var turn = 0;
        var closed = 0;
        while (closed < clients)
        {
            for (var inBatch = 0; inBatch < schedule.Batch && closed < clients; inBatch++, closed++)
            {
                if (!CloseOne(nodes, ref turn))
                {
                    return;
                }
            }

            if (closed < clients)
            {
                await Task.Delay(schedule.NextWait(Random.Shared), stopping);
            }
        }
    }

    private static bool CloseOne(GatewayNode[] nodes, ref int turn)
    {
        for (var tried = 0; tried < nodes.Length; tried++)
        {
            var node = nodes[turn++ % nodes.Length];
            if (node.CloseOneClient())
            {
                return true;
            }
        }

        return false;
    }

    /// The host's graceful stop; how long it takes (the silo leaving the cluster and handing its
    /// grains over) is logged, as operators plan drains with it.
    private void ShutDown()
    {
        var clock = Stopwatch.StartNew();
        lifetime.ApplicationStopped.Register(() => LogStopped(logger, clock.ElapsedMilliseconds));
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Entering lame duck mode, stop accepting new clients")]
    private static partial void LogEntering(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing existing clients")]
    private static partial void LogClosing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lame duck mode: the node stopped in {Milliseconds} ms (gateways detached, silo left the cluster, grains deactivated)")]
    private static partial void LogStopped(ILogger logger, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lame duck mode failed, shutting down now: {Cause}")]
    private static partial void LogFailed(ILogger logger, string cause);
}
