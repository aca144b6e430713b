using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;

namespace Natrium.Gateway.Hosting;

/// An account grain that started again empty (its node died, or Orleans ended its activation
/// without a handover) is told again what this gateway knows of the account: the exports its
/// configuration gives it, the imports of served accounts from it, this gateway's admitted
/// clients and subscription, and the account's shards it knows have started. Without this, the
/// next activation would count none of them and grant no stream imports, every gateway would
/// apply those empty grants, and a shard starting later would push to no gateway.
public sealed partial class GatewayNode
{
    /// Called by the account grain's ending activation (one-way): restated in the background.
    internal void OnAccountGrainEnded(string account) =>
        _ = RetryAsync(account, () => RestateAccountAsync(account, deadSilo: null));

    private async Task RestateAccountAsync(string account, string? deadSilo)
    {
        if (Wiring is not { } wiring)
        {
            return;
        }

        var grain = _grains.GetGrain<IAccountGrain>(account);
        if (deadSilo is not null)
        {
            await grain.ForgetSilo(deadSilo);
        }

        if (Options.Accounts.FirstOrDefault(a => a.Name == account) is { } configured)
        {
            await grain.SetExports(new AccountExportList(configured.Exports));
        }

        await wiring.RedeclareImportsToAsync(account);
        var admitted = _clients.Values.Where(c => c.AdmittedTo == account).Select(c => c.Id).ToArray();
        wiring.OnStreamImports(account, await grain.Reconcile(Self, admitted));
        if (FindAccount(account) is { } routing)
        {
            await routing.RestateInterestAsync();
        }
    }
}
