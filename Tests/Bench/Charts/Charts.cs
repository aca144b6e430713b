using Natrium.Bench.Report;

namespace Natrium.Bench.Charts;

// natrium-bench --chart RESULTS --out DIR: SVG charts of run.sh's results. ratios.svg holds
// Natrium/nats-server per scenario; each scale curve (a scenario run at several --size) gets one
// line chart per figure, <scenario>-<figure>.svg. Returns the files written, one a line.
internal static class Charts
{
    public static int Write(string resultsPath, string dir, TextWriter output)
    {
        if (!File.Exists(resultsPath))
        {
            Console.Error.WriteLine($"natrium-bench: no results file '{resultsPath}'");
            return 2;
        }

        var runs = File.ReadLines(resultsPath)
            .Where(line => line.TrimStart().StartsWith('{'))
            .Select(RunRecord.Parse)
            .ToList();
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        if (RatioChart.Build(runs) is { } ratios)
        {
            written.Add(Svg.Save(ratios, Path.Combine(dir, "ratios.svg"), width: 900, height: 160 + (24 * RatioChart.Rows(runs))));
        }

        foreach (var (name, model) in CurveChart.Build(runs))
        {
            written.Add(Svg.Save(model, Path.Combine(dir, name + ".svg"), width: 640, height: 400));
        }

        written.ForEach(output.WriteLine);
        return 0;
    }
}
