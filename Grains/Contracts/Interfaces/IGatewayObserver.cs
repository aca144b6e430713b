using Orleans.Concurrency;
using Natrium.Contracts.Messages;

namespace Natrium.Contracts.Interfaces;

/// Implemented by every gateway. Shard grains push interest changes to it; other gateways
/// send it batches of messages for its local subscribers.
public interface IGatewayObserver : IGrainObserver
{
    /// Awaited by the shard grain: when it completes, the change is in this gateway's cache.
    Task OnInterestChanged(string account, RemoteInterest[] changes);

    /// The stream imports the exporting account now grants (the whole list, replacing the last).
    Task OnStreamImports(string exporter, StreamImportGrants grants);

    /// Operator mode: the account's JWT changed (null: deleted). Awaited, so the account grain
    /// knows when every gateway applies it. evicted: this gateway's clients of the account that
    /// no longer fit a lowered connection limit.
    Task OnAccountClaims(string account, string? jwt, ulong[] evicted);

    /// A batch of messages encoded by MessageBatchWriter. Sequence numbers start at 1 per
    /// (source gateway, account) so the receiver can restore order.
    [OneWay]
    Task Deliver(string account, string sourceGatewayId, long sequence, [Immutable] byte[] batch);
}
