using Natrium.Gateway.Monitoring;

namespace Natrium.Gateway.Routing;

/// The account's matching as nats-server reports a sublist's (/subsz, /accountz): every lookup
/// counts as a match, a lookup the cache answered as a hit, and the cached results still valid
/// give num_cache and the fan-out figures. Inserts and removes are the clients' subscriptions
/// coming and going (interest of other gateways is not a subscription here).
internal sealed partial class AccountRouting
{
    public SublistStats Stats()
    {
        // A lookup under way may show its miss without its match: keep the figures consistent.
        var matches = _matches.Value;
        lock (_sync)
        {
            var (cached, totalFanout, maxFanout) = _cache.Survey(_generation, Fanout);
            var hits = Math.Max(0, matches - _misses);
            return new SublistStats(_inserts - _removes, cached, _inserts, _removes, Math.Max(matches, _misses), hits, totalFanout, maxFanout);
        }
    }

    // A queue group counts once, as in nats-server.
    private static int Fanout(SubjectMatch match) => match.Plain.Length + match.Queues.Length + match.RemotePlain.Length;
}
