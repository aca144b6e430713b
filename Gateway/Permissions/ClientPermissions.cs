using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Permissions;

/// One user's permissions compiled for a connection (spec/authorization.md §3–§6). Publish
/// verdicts are cached per subject, so the hot path pays one lock-free lookup that allocates
/// nothing; subscribe checks run once per SUB.
internal sealed class ClientPermissions
{
    private static readonly object Allowed = new();
    private static readonly object Denied = new();

    private readonly PermissionPattern[]? _publishAllow;
    private readonly PermissionPattern[] _publishDeny;
    private readonly PermissionPattern[]? _subscribeAllow;
    private readonly PermissionPattern[] _subscribeDeny;
    private readonly SubjectMatchCache<object>? _publishCache;

    private ClientPermissions(PermissionsConfig? config)
    {
        if (config is null || (config.Publish is null && config.Subscribe is null && config.Responses is null))
        {
            AllowsAll = true;
            _publishDeny = [];
            _subscribeDeny = [];
            return;
        }

        _publishAllow = Compile(config.Publish?.Allow);
        _publishDeny = Compile(config.Publish?.Deny) ?? [];
        _subscribeAllow = Compile(config.Subscribe?.Allow);
        _subscribeDeny = Compile(config.Subscribe?.Deny) ?? [];
        if (config.Responses is not null)
        {
            Responses = new ResponseTracker(config.Responses);

            // allow_responses without a publish allow list installs an empty one: only replies
            // may be published (authorization.md §3).
            _publishAllow ??= [];
        }

        _publishCache = new SubjectMatchCache<object>(128);
    }

    public static ClientPermissions AllowAll { get; } = new(null);

    /// No permissions configured: callers skip every check.
    public bool AllowsAll { get; }

    public bool HasSubscribeDeny => _subscribeDeny.Length > 0;

    public bool HasResponsePermissions => Responses is not null;

    public ResponseTracker? Responses { get; }

    public static ClientPermissions Compile(PermissionsConfig? config) => config is null ? AllowAll : new ClientPermissions(config);

    public bool CanPublish(ReadOnlySpan<byte> subject)
    {
        if (AllowsAll)
        {
            return true;
        }

        if (!_publishCache!.TryGet(subject, 0, out var verdict))
        {
            verdict = PublishVerdict(subject) ? Allowed : Denied;
            _publishCache.Set(subject, 0, verdict);
        }

        return verdict == Allowed || (Responses?.TryUse(subject) ?? false);
    }

    /// Allow first (when set), then deny; deny wins. Queue entries are for subscribe only.
    private bool PublishVerdict(ReadOnlySpan<byte> subject)
    {
        if (_publishAllow is not null && !AnyMatches(_publishAllow, subject))
        {
            return false;
        }

        return !AnyMatches(_publishDeny, subject);
    }

    /// nats-server's canSubscribe (authorization.md §4), including its queue rules.
    public bool CanSubscribe(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue)
    {
        if (queue.SequenceEqual("_sys_"u8))
        {
            return false;
        }

        if (AllowsAll)
        {
            return true;
        }

        var allowed = true;
        if (_subscribeAllow is { Length: > 0 })
        {
            var plain = false;
            var queueEntries = false;
            var queueAllowed = false;
            foreach (var entry in _subscribeAllow)
            {
                if (!entry.Covers(subject))
                {
                    continue;
                }

                if (entry.Queue is null)
                {
                    plain = true;
                }
                else
                {
                    queueEntries = true;
                    queueAllowed |= !queue.IsEmpty && entry.QueueMatches(queue);
                }
            }

            // Queue-qualified entries decide for queue subscriptions, replacing the plain result.
            allowed = !queue.IsEmpty && queueEntries ? queueAllowed : plain;
        }

        if (!allowed)
        {
            return false;
        }

        foreach (var entry in _subscribeDeny)
        {
            if (entry.Covers(subject) && (entry.Queue is null || (!queue.IsEmpty && entry.QueueMatches(queue))))
            {
                return false;
            }
        }

        return true;
    }

    /// A message reaching a wildcard subscription that overlaps a deny entry is not delivered
    /// (authorization.md §5).
    public bool IsDeliveryDenied(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue)
    {
        foreach (var entry in _subscribeDeny)
        {
            if (SubjectMatcher.Matches(entry.Subject, subject) && (entry.Queue is null || (!queue.IsEmpty && entry.QueueMatches(queue))))
            {
                return true;
            }
        }

        return false;
    }

    /// Records a delivered request's reply subject when this user could not publish there
    /// anyway (authorization.md §6).
    public void RecordRequest(ReadOnlySpan<byte> reply)
    {
        if (Responses is not null && !PublishVerdict(reply))
        {
            Responses.RecordRequest(reply);
        }
    }

    private static bool AnyMatches(PermissionPattern[] patterns, ReadOnlySpan<byte> subject)
    {
        foreach (var pattern in patterns)
        {
            if (SubjectMatcher.Matches(pattern.Subject, subject))
            {
                return true;
            }
        }

        return false;
    }

    private static PermissionPattern[]? Compile(IReadOnlyList<string>? entries) =>
        entries?.Select(PermissionPattern.Parse).ToArray();
}
