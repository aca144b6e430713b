using Orleans.Concurrency;
using Natrium.Contracts.Messages;

namespace Natrium.Contracts.Interfaces;

/// Implemented by every gateway. Shard grains push interest changes to it; other gateways
/// send it batches of messages for its local subscribers.
public interface IGatewayObserver : IGrainObserver
{
    /// Awaited by the shard grain: when it completes, the change is in this gateway's cache.
    Task OnInterestChanged(string account, RemoteInterest[] changes);

    /// A gateway attached to a shard of the account: its interest in that shard is now exactly
    /// this (whatever this gateway held from it before in the shard is dropped). Awaited.
    Task OnInterestReplaced(string account, string shard, GatewayRef gateway, InterestEntry[] interest);

    /// A shard of the account dropped this gateway (a push it did not take in time): attach to
    /// it again, or it would never hear of other gateways' interest in that shard.
    [OneWay]
    Task OnShardDropped(string account, string shard);

    /// The account's grain ended without handing its state on (Orleans found a duplicate after
    /// a membership change, or its silo shut down): restate to the next activation this
    /// gateway's clients of the account, its subscription, and what it knows of the account's
    /// exports and of the imports from it.
    [OneWay]
    Task OnAccountEnded(string account);

    /// The account's JetStream grain ended (as OnAccountEnded): subscribe to the next activation.
    [OneWay]
    Task OnJetStreamEnded(string account);

    /// The stream imports the exporting account now grants (the whole list, replacing the last).
    Task OnStreamImports(string exporter, StreamImportGrants grants);

    /// Operator mode: the account's JWT changed (null: deleted). Awaited, so the account grain
    /// knows when every gateway applies it. evicted: this gateway's clients of the account that
    /// no longer fit a lowered connection limit.
    Task OnAccountClaims(string account, string? jwt, ulong[] evicted);

    /// The subjects the account's streams capture now (the whole list).
    Task OnStreamSubjects(string account, StreamSubjects subjects);

    /// What streams deliver through this gateway: pub acks, pulled and pushed messages,
    /// statuses and replies (StreamRecords), each routed in the account.
    [OneWay]
    Task DeliverStream(string account, [Immutable] byte[] records);

    /// For each subject, whether anything in the account subscribes to it here or on another
    /// gateway (push consumers deliver only to interest; pulls nobody awaits are dropped).
    /// `<subject> <queue>` (nats-server's "subject queue" form) asks for a queue subscriber of
    /// that group only (a push consumer's deliver_group).
    Task<bool[]> HasInterest(string account, string[] subjects);

    /// A batch of messages encoded by MessageBatchWriter. Sequence numbers start at 1 per
    /// (source gateway, account) so the receiver can restore order and drop a resent copy.
    /// Answered (not one-way) once delivered here: the sender bounds what it has in flight.
    Task Deliver(string account, string sourceGatewayId, long sequence, [Immutable] byte[] batch);

    /// Monitoring only (a cluster-wide /connz on another node): this gateway's connections for
    /// the /connz query string, already checked by the asker. The asker waits a bounded time.
    Task<ConnzPart> Connz(string query);
}
