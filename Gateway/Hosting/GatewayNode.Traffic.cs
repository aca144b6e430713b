using System.Collections.Concurrent;
using Natrium.Gateway.Connections;
using Natrium.Gateway.Monitoring;

namespace Natrium.Gateway.Hosting;

/// Totals since start for /varz, /accstatz, statsz and /metrics: the open connections' own
/// counters plus what closed ones had when they closed. Read at request or scrape time only;
/// the message path keeps counting per connection and nothing more. A closing connection
/// moves its counters into the retired totals under _trafficLock, and readers add up under it,
/// so a connection counts exactly once and the totals never go back (Prometheus counters).
public sealed partial class GatewayNode
{
    private readonly Lock _trafficLock = new();
    private readonly RetiredTraffic _retired = new();
    private readonly ConcurrentDictionary<string, RetiredTraffic> _retiredByAccount = new(StringComparer.Ordinal);

    /// Everything this gateway's clients sent and were sent since it started.
    internal Traffic Traffic()
    {
        lock (_trafficLock)
        {
            var total = _retired.Total;
            foreach (var client in _clients.Values)
            {
                if (!client.Retired)
                {
                    total += client.Traffic;
                }
            }

            return total;
        }
    }

    /// Subscriptions of the clients connected here (as /subsz num_subscriptions counts them).
    internal int SubscriptionCount() => _clients.Values.Sum(c => c.SubscriptionCount);

    /// Per account: its open connections here and its traffic since start, for every account
    /// that had an authenticated connection here.
    internal IReadOnlyList<AccountTraffic> TrafficByAccount()
    {
        var totals = new Dictionary<string, (int Connections, Traffic Traffic)>(StringComparer.Ordinal);
        lock (_trafficLock)
        {
            AddUp(totals);
        }

        return [.. totals.Select(t => new AccountTraffic(t.Key, t.Value.Connections, t.Value.Traffic))];
    }

    /// One account's open connections here and its traffic since start (the account
    /// connection events and `$SYS.REQ.ACCOUNT.<acc>.CONNS`).
    internal AccountTraffic TrafficOf(string account)
    {
        lock (_trafficLock)
        {
            var (connections, traffic) = (0, _retiredByAccount.TryGetValue(account, out var retired) ? retired.Total : default);
            foreach (var client in _clients.Values)
            {
                if (!client.Retired && client.IsAuthenticated && client.AccountName == account)
                {
                    connections += client.IsClosed ? 0 : 1;
                    traffic += client.Traffic;
                }
            }

            return new AccountTraffic(account, connections, traffic);
        }
    }

    // Precondition: _trafficLock held.
    private void AddUp(Dictionary<string, (int Connections, Traffic Traffic)> totals)
    {
        foreach (var (account, retired) in _retiredByAccount)
        {
            totals[account] = (0, retired.Total);
        }

        foreach (var client in _clients.Values)
        {
            if (client.Retired || !client.IsAuthenticated)
            {
                continue;
            }

            var (connections, traffic) = totals.GetValueOrDefault(client.AccountName);
            totals[client.AccountName] = (client.IsClosed ? connections : connections + 1, traffic + client.Traffic);
        }
    }

    /// A closed connection's final counters join the totals, once.
    private void Retire(ClientConnection client, ConnectionSnapshot closed)
    {
        var slowConsumer = client.Reason is ClosedReason.SlowConsumerPendingBytes or ClosedReason.SlowConsumerWriteDeadline;
        lock (_trafficLock)
        {
            if (client.Retired)
            {
                return;
            }

            _retired.Add(closed, slowConsumer);
            if (closed.Authenticated)
            {
                _retiredByAccount.GetOrAdd(closed.Account, static _ => new RetiredTraffic()).Add(closed, slowConsumer);
            }

            client.Retired = true;
        }
    }
}
