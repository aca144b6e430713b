using System.Globalization;

namespace Natrium.Bench.Report;

// The runs of one server for one scenario (and size): medians over the rounds that worked.
internal sealed class RunSide(List<RunRecord> runs)
{
    public List<RunRecord> Ok { get; } = runs.Where(r => r.Error is null).ToList();

    public string MaxLost => Ok.Count == 0 ? "-" : Ok.Max(r => r.Lost).ToString(CultureInfo.InvariantCulture);

    public string Cpu => Ok.Count == 0
        ? (runs.Count == 0 ? "not run" : "failed")
        : $"{Median(r => r.BenchCpu):0}/{(Median(r => r.ServerCpu) is { } s ? s.ToString("0", CultureInfo.InvariantCulture) : "?")} ({Ok.Count}/{runs.Count} ok)";

    public double? Median(Func<RunRecord, double?> pick)
    {
        var values = Ok.Select(pick).OfType<double>().Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        int mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
