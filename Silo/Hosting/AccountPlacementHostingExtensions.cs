using Microsoft.Extensions.DependencyInjection;
using Natrium.Grains.Accounts.Placement;
using Orleans.Runtime.Placement;

namespace Natrium.Silo.Hosting;

internal static class AccountPlacementHostingExtensions
{
    /// Account grains live at their home nodes: the placement director Orleans asks for a new or
    /// migrating account, and the service that moves accounts home when the nodes change. On a
    /// single node every account is at home and the service never moves one.
    public static ISiloBuilder AddAccountPlacement(this ISiloBuilder silo)
    {
        silo.Services.AddPlacementDirector<AccountHomePlacement, AccountHomeDirector>();
        silo.Services.AddSingleton<LocalAccounts>();
        silo.Services.AddHostedService<AccountRehoming>();
        return silo;
    }
}
