using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;
using Natrium.Bench.Report;

namespace Natrium.Bench.Charts;

// One line chart per scale curve and figure: x = the size on a log axis, y = the median figure
// at that size, one line per server.
internal static class CurveChart
{
    private sealed record Figure(string File, string Title, Func<RunRecord, double?> Pick);

    private static readonly Figure[] Figures =
    [
        new("bytes-per-item", "server RSS growth per item (bytes)", r => r.BytesPerItem),
        new("rss-before", "server RSS before the items are built (MiB)", r => r.RssBeforeMiB),
        new("rss-after", "server RSS with all items held (MiB)", r => r.RssMiB),
        new("rate", "build rate (per second)", r => r.Rate > 0 ? r.Rate : null),
        new("cpu-per-op", "server CPU per item built (µs)", r => r.MicrosPerOp),
        new("match-rate", "match rate: delivered msg/s", r => r.MatchRate),
        new("ping-us", "PING round trip of one more client, p50 (µs)", r => r.PingUs),
        new("reload-ms", "config reload, SIGHUP to done (ms)", r => r.ReloadMs),
    ];

    public static IEnumerable<(string Name, PlotModel Model)> Build(IReadOnlyList<RunRecord> runs)
    {
        foreach (var curve in runs.Where(r => r.Size is not null && r.Error is null).GroupBy(r => r.Scenario))
        {
            if (curve.Select(r => r.Size).Distinct().Count() < 2)
            {
                continue;
            }

            foreach (Figure figure in Figures.Where(f => curve.Any(r => f.Pick(r) is not null)))
            {
                yield return ($"{curve.Key}-{figure.File}", Chart(curve.Key, curve.ToList(), figure));
            }
        }
    }

    private static PlotModel Chart(string scenario, List<RunRecord> runs, Figure figure)
    {
        var model = new PlotModel { DefaultFont = Svg.Font, Title = $"{scenario}: {figure.Title}" };
        model.PlotMargins = new OxyThickness(Svg.LabelWidth("1,000,000.0"), double.NaN, double.NaN, double.NaN);
        model.Legends.Add(Svg.Legend());
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "size (connections, subscriptions or accounts)", MajorGridlineStyle = LineStyle.Dot, MinimumPadding = 0.08, MaximumPadding = 0.08 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Minimum = 0, MaximumPadding = 0.1, MajorGridlineStyle = LineStyle.Dot, StringFormat = "#,0.##" });
        model.Series.Add(Line("nats-server 2.9.10", "nats", OxyColor.FromRgb(0x1f, 0x77, 0xb4), runs, figure));
        model.Series.Add(Line("Natrium", "natrium", OxyColor.FromRgb(0xd6, 0x27, 0x28), runs, figure));
        return model;
    }

    private static LineSeries Line(string title, string label, OxyColor color, List<RunRecord> runs, Figure figure)
    {
        var line = new LineSeries { Title = Svg.Room(title), Color = color, MarkerType = MarkerType.Circle, MarkerFill = color, LabelFormatString = "{1:#,0}", FontSize = 9 };
        foreach (var size in runs.Where(r => r.Label == label).GroupBy(r => r.Size!.Value).OrderBy(g => g.Key))
        {
            if (new RunSide(size.ToList()).Median(figure.Pick) is { } value)
            {
                line.Points.Add(new DataPoint(size.Key, value));
            }
        }

        return line;
    }
}
