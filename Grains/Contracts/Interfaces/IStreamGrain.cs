using Natrium.Contracts.JetStream;
using Natrium.Contracts.Messages;
using Orleans.Concurrency;

namespace Natrium.Contracts.Interfaces;

/// One stream and its consumers (key: StreamKeys.Of(account, stream)). It stores what gateways
/// capture for it, in batches, acks once the batch is durable, and delivers to consumers
/// through the gateways requests came from.
public interface IStreamGrain : IGrainWithStringKey
{
    /// From the account grain, which checked every account-level rule: make the stream with
    /// this normalized config (JSON), or keep it when it already exists with the same.
    Task<StreamSnapshot> Create([Immutable] byte[] configJson, long createdNanos, JetStreamAccountLimits limits);

    /// From the account grain, which checked the update rules: apply the new config.
    Task<StreamSnapshot> Update([Immutable] byte[] configJson, JetStreamAccountLimits limits);

    /// From the account grain: drop the stream, its consumers and its messages. Returns the
    /// last snapshot (its API counters stay with the account), or null when there was none.
    Task<StreamSnapshot?> Delete();

    /// The stream's config and state, or null when there is no stream.
    Task<StreamSnapshot?> Snapshot();

    /// Monitoring (/jsz consumers=true): each consumer's info as CONSUMER.INFO writes it (a
    /// JSON object each), by name; counts as no API request.
    Task<IReadOnlyList<byte[]>> ConsumerReports();

    /// A stream-level request (INFO, PURGE, MSG.GET/DELETE, DIRECT.GET, CONSUMER.*,
    /// CONSUMER.MSG.NEXT); operation is the subject after `$JS.API.`. Null: no answer now (a
    /// pull is answered later through source, or nats-server stays silent).
    Task<ApiReply?> Api(string operation, [Immutable] byte[] body, string? reply, GatewayRef source, JetStreamAccountLimits limits);

    /// Messages gateways captured for this stream (StreamRecords: to = subject, reply = the
    /// publisher's reply for the pub ack). Returns once they are in the stream's order; their
    /// pub acks follow, through source, once they are durable. A gateway has one call in flight
    /// per stream.
    Task Append(GatewayRef source, [Immutable] byte[] records);

    /// Publishes to `$JS.ACK.<stream>.…` and `$JS.FC.<stream>.…` (to, reply, body).
    Task Acks(GatewayRef source, [Immutable] byte[] records);

    /// A gateway serving the account (from the account grain when the gateway subscribes): the
    /// stream starts, if it had not, and delivers through it until one calls it directly.
    [OneWay]
    Task Attach(GatewayRef gateway);

    /// Key rotation: write the stream's state and keyring again, sealed under the account's
    /// current key. Returns once they are durable.
    Task Reseal();

    /// The account's key was withdrawn: deactivate (IJetStreamAccountGrain.Close).
    Task Close();

    /// The other streams of the account use this many bytes (for the account's limits).
    [OneWay]
    Task OnAccountUsage(long otherMemoryBytes, long otherStoreBytes);
}
