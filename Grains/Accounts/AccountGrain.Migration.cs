using Natrium.Contracts.Accounts;

namespace Natrium.Grains.Accounts;

/// Migration (activation rebalancing moves accounts to a node that joined): the connection
/// counts, the subscribed gateways, the declared imports and grants, and the JWT in use go with
/// the grain, so the limit still counts every connection and no gateway misses a change.
internal sealed partial class AccountGrain : IGrainMigrationParticipant
{
    private const string HandoverKey = "natrium.account";

    private bool _rehydrated;

    public void OnDehydrate(IDehydrationContext dehydrationContext) =>
        dehydrationContext.TryAddValue(HandoverKey, new AccountHandover(
            _byGateway, _admissions, [.. _subscribers.Values], _importsByImporter, [.. _configExports], _grants, _jwtAccount?.Jwt, _jwtLoaded));

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
    public override Task OnActivateAsync(CancellationToken cancellationToken) => _rehydrated ? RegrantAsync() : Task.CompletedTask;
}
