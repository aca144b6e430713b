using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Delivery;

/// This gateway as the cluster reaches it: interest pushes from shard grains and message
/// batches from other gateways, handed to the account they belong to.
internal sealed class GatewayObserver(Func<string, AccountRouting?> findAccount) : IGatewayObserver
{
    public Task OnInterestChanged(string account, RemoteInterest[] changes)
    {
        findAccount(account)?.ApplyRemoteInterest(changes);
        return Task.CompletedTask;
    }

    public Task Deliver(string account, string sourceGatewayId, long sequence, byte[] batch)
    {
        findAccount(account)?.Batches.Receive(sourceGatewayId, sequence, batch);
        return Task.CompletedTask;
    }
}
