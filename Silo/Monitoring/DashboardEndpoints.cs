using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace Natrium.Silo.Monitoring;

/// The Orleans dashboard under /dashboard and Natrium's /grainz, both behind basic auth.
internal static class DashboardEndpoints
{
    public const string DashboardPath = "/dashboard";

    public const string GrainzPath = "/grainz";

    public static void Map(WebApplication app)
    {
        var authentication = app.Services.GetRequiredService<DashboardAuthentication>();
        app.Use(authentication.InvokeAsync);
        // The dashboard's grain-state page activates any grain by a key the caller types and
        // calls its methods: a dashboard login must not reach into tenants' grains that way.
        app.Use((context, next) => context.Request.Path.StartsWithSegments(DashboardPath + "/GrainState")
            ? Results.NotFound().ExecuteAsync(context)
            : next(context));
        app.MapOrleansDashboard(DashboardPath);
        app.MapGet(GrainzPath, Grainz.GetAsync);
    }
}
