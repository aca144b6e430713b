using Microsoft.AspNetCore.Http;
using Orleans.Runtime;

namespace Natrium.Silo.Monitoring;

/// GET /grainz (Natrium's own, behind the dashboard's credentials): how many activations of each
/// grain type live on each active silo of the cluster, from Orleans' management grain, and which
/// silo answered. Grain types are full class names (without the assembly); keys are never listed.
internal static class Grainz
{
    public static async Task<IResult> GetAsync(IGrainFactory grains, ILocalSiloDetails local)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var statistics = await management.GetSimpleGrainStatistics([.. hosts.Keys]);
        var silos = hosts.Keys
            .OrderBy(s => s.ToParsableString(), StringComparer.Ordinal)
            .Select(silo =>
            {
                var counts = statistics.Where(s => s.SiloAddress.Equals(silo) && s.ActivationCount > 0)
                    .GroupBy(s => TypeName(s.GrainType))
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
                return new Dictionary<string, object>
                {
                    ["silo"] = silo.ToParsableString(),
                    ["activations"] = counts.Values.Sum(),
                    ["grain_types"] = counts,
                };
            })
            .ToList();
        return Results.Json(new Dictionary<string, object>
        {
            ["silo"] = local.SiloAddress.ToParsableString(),
            ["now"] = DateTimeOffset.UtcNow,
            ["silos"] = silos,
        });
    }

    private static string TypeName(string grainType) => grainType.Split(',')[0];
}
