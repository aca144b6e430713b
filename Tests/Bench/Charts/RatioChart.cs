using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;
using Natrium.Bench.Report;

namespace Natrium.Bench.Charts;

// One horizontal bar group per scenario (and per size of a scale scenario): Natrium's median
// over nats-server's for throughput, server CPU per operation and, where measured, memory per
// connection/subscription/account. A line marks 1.0 (parity).
internal static class RatioChart
{
    private sealed record Row(string Key, double? Throughput, double? CpuPerOp, double? Memory);

    public static int Rows(IReadOnlyList<RunRecord> runs) => Collect(runs).Count;

    public static PlotModel? Build(IReadOnlyList<RunRecord> runs)
    {
        var rows = Collect(runs);
        if (rows.Count == 0)
        {
            return null;
        }

        var model = new PlotModel { DefaultFont = Svg.Font, Title = "Natrium / nats-server 2.9.10 (medians over the rounds of each scenario)", Subtitle = "throughput: > 1 Natrium faster; CPU per op and memory per item: > 1 Natrium costlier" };
        model.PlotMargins = new OxyThickness(Svg.LabelWidth(rows.MaxBy(r => r.Key.Length)!.Key), double.NaN, double.NaN, double.NaN);
        model.Legends.Add(Svg.Legend());
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, ItemsSource = rows, LabelField = nameof(Row.Key), StartPosition = 1, EndPosition = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Minimum = 0, Title = "ratio", MajorGridlineStyle = LineStyle.Dot });
        model.Series.Add(Series("throughput", OxyColor.FromRgb(0x1f, 0x77, 0xb4), rows.Select(r => r.Throughput)));
        model.Series.Add(Series("server CPU per op", OxyColor.FromRgb(0xff, 0x7f, 0x0e), rows.Select(r => r.CpuPerOp)));
        if (rows.Any(r => r.Memory is not null))
        {
            model.Series.Add(Series("memory per item", OxyColor.FromRgb(0x2c, 0xa0, 0x2c), rows.Select(r => r.Memory)));
        }

        model.Annotations.Add(new LineAnnotation { Type = LineAnnotationType.Vertical, X = 1, Color = OxyColors.Black, LineStyle = LineStyle.Dash });
        return model;
    }

    private static BarSeries Series(string title, OxyColor color, IEnumerable<double?> ratios)
    {
        var series = new BarSeries { Title = Svg.Room(title), FillColor = color, LabelFormatString = "{0:0.00}", LabelPlacement = LabelPlacement.Outside, FontSize = 9 };
        // A missing figure is a gap: no item, the others keep their category by index.
        series.Items.AddRange(ratios.Select((r, i) => (r, i)).Where(x => x.r is not null).Select(x => new BarItem(x.r!.Value) { CategoryIndex = x.i }));
        return series;
    }

    private static List<Row> Collect(IReadOnlyList<RunRecord> runs) =>
        runs.Select(ResultsTable.Key).Distinct()
            .Select(key =>
            {
                var nats = new RunSide(runs.Where(r => ResultsTable.Key(r) == key && r.Label == "nats").ToList());
                var natrium = new RunSide(runs.Where(r => ResultsTable.Key(r) == key && r.Label == "natrium").ToList());
                return new Row(
                    key,
                    Ratio(nats.Median(r => r.Rate > 0 ? r.Rate : null), natrium.Median(r => r.Rate > 0 ? r.Rate : null)),
                    Ratio(nats.Median(r => r.CpuPerOp), natrium.Median(r => r.CpuPerOp)),
                    Ratio(nats.Median(r => r.BytesPerItem), natrium.Median(r => r.BytesPerItem)));
            })
            .Where(row => row.Throughput is not null || row.CpuPerOp is not null)
            .ToList();

    private static double? Ratio(double? nats, double? natrium) => nats is > 0 && natrium is { } v && v > 0 ? v / nats.Value : null;
}
