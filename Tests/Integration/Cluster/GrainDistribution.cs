using System.Text;
using System.Text.Json;
using Natrium.Tests.Integration.Monitoring;

namespace Natrium.Tests.Integration.Cluster;

/// Activations per silo and grain type, as /grainz reports them, with each silo named after the
/// node it runs in.
public sealed record GrainDistribution(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> BySilo)
{
    public const string AccountGrain = "Natrium.Grains.Accounts.AccountGrain";

    public const string ShardGrain = "Natrium.Grains.Subjects.SubjectShardGrain";

    public int Count(string silo, string grainType) => BySilo.TryGetValue(silo, out var types) ? types.GetValueOrDefault(grainType) : 0;

    /// Reads /grainz from one node; silos are named by the nodes' own /grainz "silo" field.
    public static async Task<GrainDistribution> ReadAsync(string monitoringUrl, IReadOnlyDictionary<string, string> nodeOfSilo)
    {
        using var json = JsonDocument.Parse(await GetAsync(monitoringUrl));
        var bySilo = new SortedDictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var silo in json.RootElement.GetProperty("silos").EnumerateArray())
        {
            var address = silo.GetProperty("silo").GetString()!;
            bySilo[nodeOfSilo.GetValueOrDefault(address, address)] = silo.GetProperty("grain_types").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        }

        return new GrainDistribution(bySilo);
    }

    /// The silo address a node's own /grainz answers with.
    public static async Task<string> LocalSiloAsync(string monitoringUrl)
    {
        using var json = JsonDocument.Parse(await GetAsync(monitoringUrl));
        return json.RootElement.GetProperty("silo").GetString()!;
    }

    /// One line per silo: its total, then accounts, shards and every other type, short names.
    public string Table()
    {
        var text = new StringBuilder();
        foreach (var (silo, types) in BySilo)
        {
            var others = types.Where(t => t.Key is not AccountGrain and not ShardGrain).Select(t => $"{t.Key[(t.Key.LastIndexOf('.') + 1)..]} {t.Value}");
            text.AppendLine($"{silo}: {types.Values.Sum()} activations, AccountGrain {types.GetValueOrDefault(AccountGrain)}, SubjectShardGrain {types.GetValueOrDefault(ShardGrain)}; {string.Join(", ", others)}");
        }

        return text.ToString();
    }

    private static async Task<string> GetAsync(string monitoringUrl)
    {
        using var http = DashboardFixture.Client(PlacementTests.DashboardUser, PlacementTests.DashboardPassword);
        return await http.GetStringAsync(monitoringUrl + "/grainz");
    }
}
