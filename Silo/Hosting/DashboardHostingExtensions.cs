using Orleans.Dashboard;

namespace Natrium.Silo.Hosting;

internal static class DashboardHostingExtensions
{
    /// The Orleans dashboard's silo side: a grain service on every silo that collects its grain
    /// counts and call statistics. Every node of a cluster must run it when one does (one config
    /// file does that): the dashboard's grain asks each silo's service. Called only when the
    /// dashboard is on, so without it none of this runs.
    public static ISiloBuilder AddNatriumDashboard(this ISiloBuilder silo) => silo.AddDashboard();
}
