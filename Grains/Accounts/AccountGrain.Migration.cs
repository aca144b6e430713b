using Microsoft.Extensions.Logging;
using Natrium.Contracts.Accounts;

namespace Natrium.Grains.Accounts;

/// Migration (an account moving to its home node when the nodes change, AccountRehoming): the
/// connection counts, the subscribed gateways, the gateways in its interest and its started
/// shards, the declared imports and grants, and the JWT in use go with the grain, so the limit
/// still counts every connection and no gateway misses a change.
/// Ended any other way (a duplicate found after a membership change, a silo shutting down),
/// the activation tells its gateways, which restate all of that to the next one.
internal sealed partial class AccountGrain : IGrainMigrationParticipant
{
    private const string HandoverKey = "natrium.account";

    private bool _rehydrated;

    public void OnDehydrate(IDehydrationContext dehydrationContext) =>
        dehydrationContext.TryAddValue(HandoverKey, new AccountHandover(
            _byGateway, _admissions, [.. _subscribers.Values], _importsByImporter, [.. _configExports], _grants, _jwtAccount?.Jwt, _jwtLoaded,
            [.. _interestGateways.Values], [.. _startedShards]));

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (!rehydrationContext.TryGetValue<AccountHandover>(HandoverKey, out var handover) || handover is null)
        {
            return;
        }

        foreach (var (gateway, clients) in handover.Connections)
        {
            _byGateway[gateway] = clients;
            _count += clients.Count;
        }

        _admissions = handover.Admissions;
        foreach (var gateway in handover.Subscribers)
        {
            _subscribers[gateway.Id] = gateway;
        }

        foreach (var (importer, imports) in handover.ImportsByImporter)
        {
            _importsByImporter[importer] = imports;
        }

        foreach (var gateway in handover.InterestGateways)
        {
            _interestGateways[gateway.Id] = gateway;
        }

        _startedShards.UnionWith(handover.StartedShards);
        _configExports = handover.ConfigExports;
        _grants = handover.Grants;
        _jwtLoaded = handover.JwtLoaded;
        if (handover.Jwt is { } jwt && operatorMode.Trust is { } trust && JwtAccountCompiler.Verify(jwt, trust, DateTimeOffset.UtcNow) is { IsValid: true } verified)
        {
            _jwtAccount = verified.Account;
        }

        _rehydrated = true;
    }

    /// A migrated account's activation-token expiries are scheduled again (timers stay behind).
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        localAccounts.Add(this.GetGrainId());
        return _rehydrated ? RegrantAsync() : Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        localAccounts.Remove(this.GetGrainId());
        var gateways = KnownGateways().ToArray();
        if (reason.ReasonCode != DeactivationReasonCode.Migrating && gateways.Length > 0)
        {
            LogEnded(logger, this.GetPrimaryKeyString(), reason.ReasonCode, gateways.Length);
            foreach (var gateway in gateways)
            {
                try
                {
                    _ = gateway.Observer.OnAccountEnded(this.GetPrimaryKeyString());
                }
                catch (Exception)
                {
                    // One-way: a gateway that cannot be reached is gone anyway.
                }
            }
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Account}'s grain ends ({Reason}): its {Count} gateways restate it to the next activation")]
    private static partial void LogEnded(ILogger logger, string account, DeactivationReasonCode reason, int count);
}
