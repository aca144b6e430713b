using System.Text.Json;

namespace Natrium.Bench.Report;

// One JSON line of run.sh's results.
internal sealed record RunRecord(string Scenario, string Label, string RateUnit, double Rate, double PubRate, double Fanout, long Lost, double? P50, double? P90, double? P99, double BenchCpu, double? ServerCpu, double? MicrosPerOp, double? RssMiB, double? StallMs, double? GoneMs, double? BackMs, double? ReadyMs, double? ReadyCpuMs, string? Error, string? Warning)
{
    // The memory and scale figures (ScenarioResult.Size and after).
    public long? Size { get; init; }

    public double? RssBeforeMiB { get; init; }

    public double? BytesPerItem { get; init; }

    public double? MatchRate { get; init; }

    public double? PingUs { get; init; }

    public double? ReloadMs { get; init; }

    // startup: the rates right after INFO (cold) and after a warm-up (warm), and cold/warm.
    public double? ColdRate { get; init; }

    public double? WarmRate { get; init; }

    public double? ColdConnectRate { get; init; }

    public double? WarmConnectRate { get; init; }

    public double? ColdOverWarm => ColdRate / (WarmRate is > 0 ? WarmRate : null);

    public double? ColdOverWarmConnect => ColdConnectRate / (WarmConnectRate is > 0 ? WarmConnectRate : null);

    // Server CPU per operation: as measured, or else the server's CPU share over the rate.
    public double? CpuPerOp => MicrosPerOp ?? (ServerCpu is { } share && Rate > 0 ? share / 100 / Rate * 1e6 : null);

    public static RunRecord Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        JsonElement e = doc.RootElement;
        double sent = Number(e, "sent") ?? 0;
        return new RunRecord(
            e.GetProperty("scenario").GetString() ?? "?",
            Text(e, "label") ?? "?",
            Text(e, "rate_unit") ?? "rate",
            Number(e, "rate") ?? 0,
            Number(e, "pub_rate") ?? 0,
            sent > 0 ? (Number(e, "expected") ?? 0) / sent : 0,
            (long)(Number(e, "lost") ?? 0),
            Number(e, "p50_us"),
            Number(e, "p90_us"),
            Number(e, "p99_us"),
            Number(e, "bench_cpu") ?? 0,
            Number(e, "server_cpu"),
            Number(e, "server_us_per_op"),
            Number(e, "server_rss_mib"),
            Number(e, "stall_ms"),
            Number(e, "gone_ms"),
            Number(e, "back_ms"),
            Number(e, "ready_ms"),
            Number(e, "ready_cpu_ms"),
            Text(e, "error"),
            Text(e, "warning"))
        {
            Size = (long?)Number(e, "size"),
            RssBeforeMiB = Number(e, "rss_before_mib"),
            BytesPerItem = Number(e, "bytes_per_item"),
            MatchRate = Number(e, "match_rate"),
            PingUs = Number(e, "ping_us"),
            ReloadMs = Number(e, "reload_ms"),
            ColdRate = Number(e, "cold_rate"),
            WarmRate = Number(e, "warm_rate"),
            ColdConnectRate = Number(e, "cold_connect_rate"),
            WarmConnectRate = Number(e, "warm_connect_rate"),
        };
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
