using Natrium.Contracts.Security;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Permissions;

/// A connection's permissions compiled once from its PermissionsConfig (spec/authorization.md).
/// Immutable apart from the lock-free caches and the response tracker, so publish (read loop),
/// subscribe and delivery (other threads) may call in concurrently. A permission change builds a
/// new instance (§9).
internal sealed class ClientPermissions
{
    /// nats-server keeps 128 publish decisions per connection (maxPermCacheSize).
    private const int CacheSlots = 128;

    private static readonly byte[] SystemQueue = "_sys_"u8.ToArray();

    private readonly SubjectPatternSet? _publishAllow;
    private readonly SubjectPatternSet? _publishDeny;
    private readonly SubscribeRules? _subscribeAllow;
    private readonly SubscribeRules? _subscribeDeny;
    private readonly SubjectPatternSet? _deliveryDeny;
    private readonly SubjectMatchCache<Verdict>? _publishCache;
    private readonly SubjectMatchCache<Verdict>? _deliveryCache;

    private ClientPermissions()
    {
        AllowsAll = true;
    }

    private ClientPermissions(PermissionsConfig config, TimeProvider clock)
    {
        var publishAllow = config.Publish?.Allow;

        // §3 edge rule: an empty allow list from config is no restriction, but allow_responses
        // without a publish allow list installs an empty one: only replies may be published.
        if (publishAllow is { Count: > 0 } || config.Responses is not null)
        {
            _publishAllow = Patterns(publishAllow);
        }

        if (config.Publish?.Deny is { Count: > 0 } publishDeny)
        {
            _publishDeny = Patterns(publishDeny);
        }

        if (_publishAllow is not null || _publishDeny is not null)
        {
            _publishCache = new SubjectMatchCache<Verdict>(CacheSlots);
        }

        // §4: an empty subscribe list is no list.
        if (config.Subscribe?.Allow is { Count: > 0 } subscribeAllow)
        {
            _subscribeAllow = Rules(subscribeAllow);
        }

        if (config.Subscribe?.Deny is { Count: > 0 } subscribeDeny)
        {
            _subscribeDeny = Rules(subscribeDeny);
            _deliveryDeny = new SubjectPatternSet(_subscribeDeny.Entries.Where(e => e.Queue is null).Select(e => e.Subject));
            _deliveryCache = new SubjectMatchCache<Verdict>(CacheSlots);
        }

        if (config.Responses is { } responses)
        {
            Responses = new ResponseTracker(responses, clock, IsPublishAllowedStatically);
        }

        AllowsAll = _publishAllow is null && _publishDeny is null && _subscribeAllow is null && _subscribeDeny is null;
    }

    /// Shared by every connection without permissions; all checks return at the first branch.
    public static ClientPermissions AllowAll { get; } = new();

    /// True when nothing is restricted: the hot path may skip publish and delivery checks. SUB
    /// still goes through CanSubscribe, because queue `_sys_` is denied to everybody (§4).
    public bool AllowsAll { get; }

    /// Delivery needs IsDeliveryDenied only when this is true (§5).
    public bool HasSubscribeDeny => _subscribeDeny is not null;

    /// Null unless allow_responses is set (§6).
    public ResponseTracker? Responses { get; }

    /// Compiles `config`; null or a config that restricts nothing gives AllowAll. Entries must be
    /// valid (PermissionsValidator): an invalid one throws rather than silently widening access.
    public static ClientPermissions Compile(PermissionsConfig? config, TimeProvider? clock = null)
    {
        if (config is null)
        {
            return AllowAll;
        }

        var errors = PermissionsValidator.Validate(config);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(config));
        }

        var compiled = new ClientPermissions(config, clock ?? TimeProvider.System);
        return compiled.AllowsAll ? AllowAll : compiled;
    }

    /// §3: allow list, then deny list (deny wins), then an open reply slot. The static decision
    /// is cached per subject; a repeated subject costs one cache lookup and allocates nothing.
    public bool CanPublish(ReadOnlySpan<byte> subject) =>
        AllowsAll || IsPublishAllowedStatically(subject) || (Responses is { } responses && responses.TryUseResponse(subject));

    /// §4, nats-server's canSubscribeInternal. `queue` is empty for a plain subscription.
    public bool CanSubscribe(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue)
    {
        if (queue.SequenceEqual(SystemQueue))
        {
            return false;
        }

        if (AllowsAll)
        {
            return true;
        }

        var allowed = true;
        if (_subscribeAllow is not null)
        {
            var allow = _subscribeAllow.Match(subject, queue);
            allowed = allow.HasPlain;

            // Queue-qualified allow entries replace the plain result for a queue subscription.
            if (!queue.IsEmpty && allow.HasQueue)
            {
                allowed = allow.QueueMatched;
            }
        }

        if (allowed && _subscribeDeny is not null)
        {
            // A queue-qualified deny entry blocks only its queue(s) (§4, `"bar q1"`).
            var deny = _subscribeDeny.Match(subject, queue);
            allowed = !deny.HasPlain && !(!queue.IsEmpty && deny.HasQueue && deny.QueueMatched);
        }

        return allowed;
    }

    /// §5: a message on `messageSubject` must not reach a subscription (with `queue`, or empty)
    /// when a subscribe-deny entry matches it, even though the subscription itself was allowed.
    public bool IsDeliveryDenied(ReadOnlySpan<byte> messageSubject, ReadOnlySpan<byte> queue)
    {
        if (_subscribeDeny is null)
        {
            return false;
        }

        if (!_deliveryCache!.TryGet(messageSubject, 0, out var verdict))
        {
            verdict = _deliveryDeny!.Matches(messageSubject) ? Verdict.Deny : Verdict.Allow;
            _deliveryCache.Set(messageSubject, 0, verdict);
        }

        return !verdict.Allowed
            || (!queue.IsEmpty && _subscribeDeny.HasQueueEntries && _subscribeDeny.QueueEntryMatches(messageSubject, queue));
    }

    /// §3 steps 1–2 without reply slots. Generation 0 throughout: the lists never change.
    private bool IsPublishAllowedStatically(ReadOnlySpan<byte> subject)
    {
        if (_publishCache is null)
        {
            return true;
        }

        if (_publishCache.TryGet(subject, 0, out var verdict))
        {
            return verdict.Allowed;
        }

        var allowed = (_publishAllow is null || _publishAllow.Matches(subject))
            && (_publishDeny is null || !_publishDeny.Matches(subject));
        _publishCache.Set(subject, 0, allowed ? Verdict.Allow : Verdict.Deny);
        return allowed;
    }

    private static SubjectPatternSet Patterns(IReadOnlyList<string>? entries) =>
        new((entries ?? []).Select(e => PermissionEntry.Parse(e, allowQueue: false).Subject));

    private static SubscribeRules Rules(IReadOnlyList<string> entries) =>
        new([.. entries.Select(e => PermissionEntry.Parse(e, allowQueue: true))]);

    /// The cache holds classes; two shared instances stand for the two answers.
    private sealed class Verdict(bool allowed)
    {
        public static readonly Verdict Allow = new(true);
        public static readonly Verdict Deny = new(false);

        public bool Allowed { get; } = allowed;
    }
}
