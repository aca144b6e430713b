using Natrium.Gateway.Delivery;

namespace Natrium.Gateway.Routing;

/// Another gateway's interest as kept in this gateway's remote trie. Count is the number of
/// that gateway's subscriptions (used as the queue weight); replaced, never mutated.
internal sealed record RemoteInterestEntry(RemoteGatewayLink Link, byte[] Subject, byte[] Queue, int Count);
