using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Streams;

namespace Natrium.Gateway.Delivery;

/// This gateway as the cluster reaches it: interest pushes from shard grains, account changes
/// from account grains, and message batches from other gateways, each handed to its owner.
internal sealed class GatewayObserver(GatewayNode node) : IGatewayObserver
{
    public Task OnInterestChanged(string account, RemoteInterest[] changes)
    {
        node.FindAccount(account)?.ApplyRemoteInterest(changes);
        return Task.CompletedTask;
    }

    public Task OnInterestReplaced(string account, string shard, GatewayRef gateway, InterestEntry[] interest)
    {
        node.FindAccount(account)?.ReplaceRemoteInterest(shard, gateway, interest);
        return Task.CompletedTask;
    }

    public Task OnShardDropped(string account, string shard)
    {
        node.FindAccount(account)?.ReattachShard(shard);
        return Task.CompletedTask;
    }

    public Task OnAccountEnded(string account)
    {
        node.OnAccountGrainEnded(account);
        return Task.CompletedTask;
    }

    public Task OnJetStreamEnded(string account)
    {
        node.OnJetStreamGrainEnded(account);
        return Task.CompletedTask;
    }

    public Task OnStreamImports(string exporter, StreamImportGrants grants)
    {
        node.Wiring?.OnStreamImports(exporter, grants);
        return Task.CompletedTask;
    }

    public Task OnAccountClaims(string account, string? jwt, ulong[] evicted) => node.OnAccountClaimsAsync(account, jwt, evicted);

    public Task OnStreamSubjects(string account, StreamSubjects subjects)
    {
        node.FindAccount(account)?.JetStream?.SetSubjects(subjects);
        return Task.CompletedTask;
    }

    public Task DeliverStream(string account, byte[] records)
    {
        if (node.FindAccount(account) is { } routing)
        {
            StreamDelivery.Deliver(routing, records);
        }

        return Task.CompletedTask;
    }

    public Task<bool[]> HasInterest(string account, string[] subjects)
    {
        var routing = node.FindAccount(account);
        return Task.FromResult(subjects.Select(s => routing is not null && HasInterest(routing, s)).ToArray());
    }

    /// `<subject>` or `<subject> <queue>` (IGatewayObserver.HasInterest).
    private static bool HasInterest(Routing.AccountRouting routing, string subjectAndQueue)
    {
        var space = subjectAndQueue.IndexOf(' ', StringComparison.Ordinal);
        return space < 0
            ? routing.HasInterest(Natrium.Contracts.Subjects.SubjectText.ToBytes(subjectAndQueue))
            : routing.HasQueueInterest(Natrium.Contracts.Subjects.SubjectText.ToBytes(subjectAndQueue[..space]), subjectAndQueue[(space + 1)..]);
    }

    public Task Deliver(string account, string sourceGatewayId, long sequence, byte[] batch)
    {
        node.FindAccount(account)?.Batches.Receive(sourceGatewayId, sequence, batch);
        return Task.CompletedTask;
    }

    public Task<ConnzPart> Connz(string query) =>
        node.ConnzPart is { } answer ? Task.FromResult(answer(query)) : Task.FromException<ConnzPart>(new InvalidOperationException("no monitoring here"));
}
