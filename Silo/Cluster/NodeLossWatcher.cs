using Microsoft.Extensions.Logging;
using Natrium.Gateway.Hosting;
using Orleans.Runtime;

namespace Natrium.Silo.Cluster;

/// Watches the cluster's membership; when Orleans declares a silo dead, every gateway of this
/// silo drops the dead silo's gateways from the shard grains and re-sends its own interest
/// (GatewayNode.OnNodeLostAsync). On the embedded single silo nothing ever dies but itself.
internal sealed partial class NodeLossWatcher(
    IClusterMembershipService membership, IEnumerable<GatewayNode> gateways, ILogger<NodeLossWatcher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(NodeLossWatcher), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _watching = Task.Run(WatchAsync);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WatchAsync()
    {
        var dead = new HashSet<SiloAddress>(membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress));
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                foreach (var member in snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)))
                {
                    LogDeclaredDead(logger, member.SiloAddress.ToString());
                    var silo = member.SiloAddress.ToParsableString();
                    foreach (var gateway in gateways)
                    {
                        await gateway.OnNodeLostAsync(silo);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            LogWatchFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was declared dead")]
    private static partial void LogDeclaredDead(ILogger logger, string silo);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching the cluster's membership failed: {Cause}")]
    private static partial void LogWatchFailed(ILogger logger, string cause);
}
