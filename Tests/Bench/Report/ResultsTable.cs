using System.Globalization;
using System.Text.Json;

namespace Natrium.Bench.Report;

// Reads run.sh's results (one JSON line per scenario run, tagged label = nats|natrium) and
// prints per scenario the median of each side, the ratio Natrium/nats-server, the worst loss
// and the median CPU shares.
internal static class ResultsTable
{
    private const string Nats = "nats";
    private const string Natrium = "natrium";
    private const string Higher = "higher = better";
    private const string Slower = ">1 = Natrium slower";
    private const string Costlier = ">1 = Natrium costlier";

    public static int Print(string path, TextWriter output)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"natrium-bench: no results file '{path}'");
            return 2;
        }

        var runs = File.ReadLines(path)
            .Where(line => line.TrimStart().StartsWith('{'))
            .Select(RunRecord.Parse)
            .ToList();
        // A scale scenario gives one row group per size: scale-conn@1000, scale-conn@10000, ...
        var scenarios = runs.Select(Key).Distinct().ToList();

        output.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, "scenario", "metric", "nats-server", "Natrium", "Natrium/nats", "reading", "lost n|N", "cpu% bench/srv nats", "cpu% bench/srv Natrium").TrimEnd());
        output.WriteLine(new string('-', 155));
        foreach (string scenario in scenarios)
        {
            var n = new RunSide(runs.Where(r => Key(r) == scenario && r.Label == Nats).ToList());
            var m = new RunSide(runs.Where(r => Key(r) == scenario && r.Label == Natrium).ToList());
            string lost = $"{n.MaxLost}|{m.MaxLost}";
            string unit = n.Ok.Concat(m.Ok).Select(r => r.RateUnit).FirstOrDefault() ?? "rate";
            if (n.Ok.Concat(m.Ok).Any(r => r.ReadyMs is not null))
            {
                WriteStartupRows(output, scenario, lost, n, m);
                continue;
            }

            if (n.Ok.Concat(m.Ok).Any(r => r.StallMs is not null))
            {
                // nodeloss: times from the kill instead of a rate.
                WriteRow(output, scenario, "stall ms (B<-C)", n.Median(r => r.StallMs), m.Median(r => r.StallMs), Slower, lost, n, m);
                WriteRow(output, "", "gone ms", n.Median(r => r.GoneMs), m.Median(r => r.GoneMs), Slower, "", null, null);
                WriteRow(output, "", "back ms (A->B)", n.Median(r => r.BackMs), m.Median(r => r.BackMs), Slower, "", null, null);
                continue;
            }

            if (n.Ok.Concat(m.Ok).Any(r => r.Size is not null))
            {
                WriteScaleRows(output, scenario, unit, lost, n, m);
                continue;
            }

            WriteRow(output, scenario, unit, n.Median(r => r.Rate), m.Median(r => r.Rate), Higher, lost, n, m);
            if (n.Median(r => r.Fanout) > 1 || m.Median(r => r.Fanout) > 1)
            {
                WriteRow(output, "", "msg/s per pub", n.Median(r => r.PubRate), m.Median(r => r.PubRate), Higher, "", null, null);
            }

            if (n.Ok.Concat(m.Ok).Any(r => r.P50 is not null))
            {
                WriteRow(output, "", "p50 µs", n.Median(r => r.P50), m.Median(r => r.P50), Slower, "", null, null);
                WriteRow(output, "", "p90 µs", n.Median(r => r.P90), m.Median(r => r.P90), Slower, "", null, null);
                WriteRow(output, "", "p99 µs", n.Median(r => r.P99), m.Median(r => r.P99), Slower, "", null, null);
            }

            // Measured per operation where the scenario counts them (connections), otherwise the
            // server's CPU share over the rate: every scenario shows what an operation costs.
            if (n.Ok.Concat(m.Ok).Any(r => r.CpuPerOp is not null))
            {
                WriteRow(output, "", "srv cpu µs/op", n.Median(r => r.CpuPerOp), m.Median(r => r.CpuPerOp), Costlier, "", null, null);
            }

            if (n.Ok.Concat(m.Ok).Any(r => r.RssMiB is not null))
            {
                WriteRow(output, "", "srv RSS MiB", n.Median(r => r.RssMiB), m.Median(r => r.RssMiB), Costlier, "", null, null);
            }
        }

        output.WriteLine();
        output.WriteLine("medians over rounds; lost = worst round (expected - received); cpu% = % of one core (200 = 2 cores busy)");
        if (runs.Any(r => r.ColdRate is not null))
        {
            output.WriteLine("startup: 2s/warm = a server's rate in its first 2 s after INFO over its rate once warm, same process (issue 18 wants >= 0.9)");
        }

        foreach (var failed in runs.Where(r => r.Error is not null).GroupBy(r => (Scenario: Key(r), r.Label)))
        {
            output.WriteLine($"FAILED {failed.Key.Label} {failed.Key.Scenario}: {failed.Count()} run(s), e.g. {failed.First().Error}");
        }

        foreach (var warned in runs.Where(r => r.Warning is not null).GroupBy(r => (r.Scenario, r.Label)))
        {
            output.WriteLine($"WARNING {warned.Key.Label} {warned.Key.Scenario}: {warned.Count()} run(s), e.g. {warned.First().Warning}");
        }

        return 0;
    }

    public static string Key(RunRecord run) =>
        run.Size is { } size ? string.Create(CultureInfo.InvariantCulture, $"{run.Scenario}@{size}") : run.Scenario;

    // startup: exec until INFO and what it cost; then each server's rates within 2 s of INFO
    // over its rates once warm (medians of the per-round ratios; issue 18 wants >= 0.9).
    private static void WriteStartupRows(TextWriter output, string scenario, string lost, RunSide n, RunSide m)
    {
        WriteRow(output, scenario, "ms to INFO", n.Median(r => r.ReadyMs), m.Median(r => r.ReadyMs), Slower, lost, null, null);
        WriteRow(output, "", "srv cpu ms", n.Median(r => r.ReadyCpuMs), m.Median(r => r.ReadyCpuMs), Costlier, "", null, null);
        WriteRow(output, "", "srv RSS MiB", n.Median(r => r.RssMiB), m.Median(r => r.RssMiB), Costlier, "", null, null);
        if (!n.Ok.Concat(m.Ok).Any(r => r.ColdRate is not null))
        {
            return;
        }

        WriteRow(output, "", "pubsub16 2s/warm", n.Median(r => r.ColdOverWarm), m.Median(r => r.ColdOverWarm), Higher, "", null, null, fraction: true);
        WriteRow(output, "", "  msg/s in 2 s", n.Median(r => r.ColdRate), m.Median(r => r.ColdRate), Higher, "", null, null);
        WriteRow(output, "", "  msg/s warm", n.Median(r => r.WarmRate), m.Median(r => r.WarmRate), Higher, "", null, null);
        WriteRow(output, "", "connect 2s/warm", n.Median(r => r.ColdOverWarmConnect), m.Median(r => r.ColdOverWarmConnect), Higher, "", null, null, fraction: true);
        WriteRow(output, "", "  conn/s in 2 s", n.Median(r => r.ColdConnectRate), m.Median(r => r.ColdConnectRate), Higher, "", null, null);
        WriteRow(output, "", "  conn/s warm", n.Median(r => r.WarmConnectRate), m.Median(r => r.WarmConnectRate), Higher, "", null, null);
    }

    // Memory and scale scenarios: the rate, memory per item, fixed memory, and what else was measured.
    private static void WriteScaleRows(TextWriter output, string scenario, string unit, string lost, RunSide n, RunSide m)
    {
        WriteRow(output, scenario, unit, n.Median(r => r.Rate), m.Median(r => r.Rate), Higher, lost, n, m);
        WriteRow(output, "", "srv cpu µs/op", n.Median(r => r.MicrosPerOp), m.Median(r => r.MicrosPerOp), Costlier, "", null, null);
        WriteRow(output, "", "B per item", n.Median(r => r.BytesPerItem), m.Median(r => r.BytesPerItem), Costlier, "", null, null);
        WriteRow(output, "", "RSS before MiB", n.Median(r => r.RssBeforeMiB), m.Median(r => r.RssBeforeMiB), Costlier, "", null, null);
        WriteRow(output, "", "RSS after MiB", n.Median(r => r.RssMiB), m.Median(r => r.RssMiB), Costlier, "", null, null);
        if (n.Ok.Concat(m.Ok).Any(r => r.MatchRate is not null))
        {
            WriteRow(output, "", "match msg/s", n.Median(r => r.MatchRate), m.Median(r => r.MatchRate), Higher, "", null, null);
        }

        if (n.Ok.Concat(m.Ok).Any(r => r.PingUs is not null))
        {
            WriteRow(output, "", "ping p50 µs", n.Median(r => r.PingUs), m.Median(r => r.PingUs), Slower, "", null, null);
        }

        if (n.Ok.Concat(m.Ok).Any(r => r.ReloadMs is not null))
        {
            WriteRow(output, "", "reload ms", n.Median(r => r.ReloadMs), m.Median(r => r.ReloadMs), Slower, "", null, null);
        }
    }

    private const string Row = "{0,-14} {1,-16} {2,12} {3,12} {4,12}  {5,-20} {6,-10} {7,-21} {8}";

    // fraction: the figures are ratios near 1, printed with two decimals.
    private static void WriteRow(TextWriter output, string scenario, string metric, double? nats, double? natrium, string reading, string lost, RunSide? n, RunSide? m, bool fraction = false)
    {
        string ratio = nats is > 0 && natrium is { } v ? (v / nats.Value).ToString("0.00", CultureInfo.InvariantCulture) : "-";
        output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            Row,
            scenario,
            metric,
            Format(nats, fraction),
            Format(natrium, fraction),
            ratio,
            reading,
            lost,
            n?.Cpu ?? "",
            m?.Cpu ?? "").TrimEnd());
    }

    private static string Format(double? value, bool fraction) => value switch
    {
        null => "-",
        { } v when fraction => v.ToString("0.00", CultureInfo.InvariantCulture),
        { } v => ScenarioResult.Human(v),
    };
}
