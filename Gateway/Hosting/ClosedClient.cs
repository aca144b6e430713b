namespace Natrium.Gateway.Hosting;

/// A connection that has ended, with nats-server's wording of why.
public sealed record ClosedClient(ulong ClientId, string Reason);
