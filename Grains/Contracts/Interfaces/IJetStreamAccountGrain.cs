using Natrium.Contracts.JetStream;
using Natrium.Contracts.Messages;
using Orleans.Concurrency;

namespace Natrium.Contracts.Interfaces;

/// JetStream of one account (key: the account name): its streams as a whole — which exist with
/// which config, the account's limits and usage, and the account-level API ($JS.API.INFO,
/// STREAM.CREATE/UPDATE/DELETE/NAMES/LIST, and requests naming a stream gateways do not know).
/// Gateways serving the account subscribe and are told which subjects its streams capture.
public interface IJetStreamAccountGrain : IGrainWithStringKey
{
    /// A request; operation is the subject after `$JS.API.`. limits is null when JetStream is
    /// not enabled for the account (10039). Null answer: nats-server stays silent.
    Task<ApiReply?> Api(string operation, [Immutable] byte[] body, string? reply, GatewayRef source, JetStreamAccountLimits? limits, string? domain);

    /// Monitoring: every stream's snapshot and the API counters (with consumers, each stream's
    /// consumers too); counts as no API request.
    [ReadOnly]
    Task<JetStreamReport> Report(bool consumers);

    /// The streams' subjects now; later changes are pushed (IGatewayObserver.OnStreamSubjects).
    Task<StreamSubjects> Subscribe(GatewayRef gateway);

    Task Unsubscribe(string gatewayId);

    /// Key rotation: write the account's state again and have each of its file streams do the
    /// same (IStreamGrain.Reseal). Returns how many streams were resealed.
    Task<int> Reseal();

    /// The key the account's JetStream was sealed under was withdrawn (crypto-shredding): its
    /// streams and this grain deactivate, so nothing opened with the key stays in memory and
    /// nothing is sealed again under another; they come back only if the key does.
    Task Close();

    /// A stream's bytes in use changed (the account's limits); answered with OnAccountUsage
    /// when the account has byte limits.
    [OneWay]
    Task ReportUsage(string stream, long memoryBytes, long storeBytes);
}
