using Natrium.Gateway.Monitoring;

namespace Natrium.Gateway.Hosting;

/// A connection that has ended, with nats-server's wording of why and what /connz?state=closed
/// shows of it: its final counters and the subscriptions it had when it closed.
public sealed record ClosedClient(ulong ClientId, string Reason)
{
    internal ConnectionSnapshot? Connection { get; init; }
}
