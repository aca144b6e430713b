using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Natrium.Silo.Monitoring;

/// How many series each instrument of /metrics may have. OpenTelemetry keeps an array of that
/// many points for every instrument from its first reading, filled or not: at its default of
/// 2,000 (about 176 KB with its lookup table) the ~110 instruments of Orleans and the broker held
/// 20 MB of an idle node's heap, where the node without /metrics held 5 MB in all. Only the
/// per-account series need that many; the others have one series per gateway (the broker's
/// /varz numbers) or per grain type and outcome (Orleans').
internal static class MetricCardinality
{
    /// Far above what Orleans' instruments use (at most 15 series each on a node that served
    /// clients); a series past it is summed into OpenTelemetry's overflow series, not lost.
    public const int Ordinary = 100;

    /// Per account: OpenTelemetry's own default, kept. Accounts past it on one node are summed
    /// into the overflow series (`otel_metric_overflow="true"`; README, Metrics).
    public const int PerAccount = 2000;

    public static MetricStreamConfiguration For(Instrument instrument) => new()
    {
        CardinalityLimit = instrument.Meter.Name == NatsMetrics.MeterName && instrument.Name.StartsWith(NatsMetrics.AccountPrefix, StringComparison.Ordinal)
            ? PerAccount
            : Ordinary,
    };
}
