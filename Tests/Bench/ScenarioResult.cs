using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Natrium.Bench;

// Figures of one scenario run; printed as one human line or one JSON line.
internal sealed record ScenarioResult(string Scenario)
{
    public string? Label { get; init; }

    public int Round { get; init; }

    public long Sent { get; init; }

    public long Expected { get; init; }

    public long Received { get; init; }

    public long Lost => Expected - Received;

    public double Seconds { get; init; }

    // The headline figure: delivered msg/s, published msg/s (pub) or requests/s (reqrep).
    public double Rate { get; init; }

    public string RateUnit { get; init; } = "msg/s";

    public double PubRate { get; init; }

    public double MegabytesPerSecond { get; init; }

    public double? P50Micros { get; init; }

    public double? P90Micros { get; init; }

    public double? P99Micros { get; init; }

    public double BenchCpu { get; init; }

    public double? ServerCpu { get; init; }

    // Server CPU time per operation (per headline unit: ack, fetched message, request), in µs.
    // Set by the JetStream scenarios, where the store's cost is the point.
    public double? ServerMicrosPerOp { get; init; }

    // Server resident set size at the end of the measured window, in MiB (/proc/PID/status).
    public double? ServerRssMiB { get; init; }

    // nodeloss, in ms from the kill: the longest silence of the surviving nodes' traffic, until
    // every survivor gave the dead node up, until its client received again elsewhere.
    public double? StallMillis { get; init; }

    public double? GoneMillis { get; init; }

    public double? BackMillis { get; init; }

    // startup: ms from exec until a client got INFO, and the server's CPU time (ms) then.
    public double? ReadyMillis { get; init; }

    public double? ReadyCpuMillis { get; init; }

    // startup, after INFO: pubsub16 msg/s delivered and connect connections/s within the first
    // 2 s (cold) and after a warm-up (warm), same process (WarmUpProbe).
    public double? ColdRate { get; init; }

    public double? WarmRate { get; init; }

    public double? ColdConnectRate { get; init; }

    public double? WarmConnectRate { get; init; }

    // Memory and scale scenarios (mem-*, scale-*): how many connections, subscriptions or
    // accounts the run held; the server's RSS before it built them (its fixed cost at that point);
    // the RSS growth per item; delivered msg/s while they were held; one extra client's PING
    // round trip while they were held; ms from SIGHUP until the log says the reload is done.
    public long? Size { get; init; }

    public double? RssBeforeMiB { get; init; }

    public double? BytesPerItem { get; init; }

    public double? MatchRate { get; init; }

    public double? PingMicros { get; init; }

    public double? ReloadMillis { get; init; }

    public string? Note { get; init; }

    public string? Error { get; init; }

    // Something went wrong outside the measurement and the bench worked around it; the report
    // lists it under the table.
    public string? Warning { get; init; }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("scenario", Scenario);
            WriteIf(w, "label", Label);
            w.WriteNumber("round", Round);
            w.WriteNumber("sent", Sent);
            w.WriteNumber("expected", Expected);
            w.WriteNumber("received", Received);
            w.WriteNumber("lost", Lost);
            w.WriteNumber("seconds", Math.Round(Seconds, 4));
            w.WriteNumber("rate", Math.Round(Rate, 1));
            w.WriteString("rate_unit", RateUnit);
            w.WriteNumber("pub_rate", Math.Round(PubRate, 1));
            w.WriteNumber("mb_s", Math.Round(MegabytesPerSecond, 2));
            WriteIf(w, "p50_us", P50Micros);
            WriteIf(w, "p90_us", P90Micros);
            WriteIf(w, "p99_us", P99Micros);
            w.WriteNumber("bench_cpu", Math.Round(BenchCpu, 1));
            WriteIf(w, "server_cpu", ServerCpu);
            WriteIf(w, "server_us_per_op", ServerMicrosPerOp);
            WriteIf(w, "server_rss_mib", ServerRssMiB);
            WriteIf(w, "stall_ms", StallMillis);
            WriteIf(w, "gone_ms", GoneMillis);
            WriteIf(w, "back_ms", BackMillis);
            WriteIf(w, "ready_ms", ReadyMillis);
            WriteIf(w, "ready_cpu_ms", ReadyCpuMillis);
            WriteIf(w, "cold_rate", ColdRate);
            WriteIf(w, "warm_rate", WarmRate);
            WriteIf(w, "cold_connect_rate", ColdConnectRate);
            WriteIf(w, "warm_connect_rate", WarmConnectRate);
            WriteIf(w, "size", Size);
            WriteIf(w, "rss_before_mib", RssBeforeMiB);
            WriteIf(w, "bytes_per_item", BytesPerItem);
            WriteIf(w, "match_rate", MatchRate);
            WriteIf(w, "ping_us", PingMicros);
            WriteIf(w, "reload_ms", ReloadMillis);
            WriteIf(w, "note", Note);
            WriteIf(w, "error", Error);
            WriteIf(w, "warning", Warning);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public string ToText()
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"{Scenario,-9}");
        if (Label is not null)
        {
            s.Append(CultureInfo.InvariantCulture, $" {Label} r{Round}");
        }

        if (Error is not null)
        {
            return s.Append(" ERROR ").Append(Error).ToString();
        }

        if (ReadyMillis is { } readyMs)
        {
            return StartupText(s, readyMs);
        }

        if (StallMillis is { } stall)
        {
            s.Append(CultureInfo.InvariantCulture, $" stall {stall:0} ms  gone {GoneMillis:0} ms  back {BackMillis:0} ms  lost {Lost}");
            return (Note is null ? s : s.Append("  [").Append(Note).Append(']')).ToString();
        }

        if (Size is { } size)
        {
            return ScaleText(s, size);
        }

        s.Append(CultureInfo.InvariantCulture, $" {Human(Rate),8} {RateUnit}");
        if (MegabytesPerSecond > 0)
        {
            s.Append(CultureInfo.InvariantCulture, $" ({MegabytesPerSecond:0.0} MB/s)");
        }

        if (P50Micros is { } p50)
        {
            s.Append(CultureInfo.InvariantCulture, $"  p50 {p50:0.0} µs p90 {P90Micros:0.0} µs p99 {P99Micros:0.0} µs");
        }
        else
        {
            s.Append(CultureInfo.InvariantCulture, $"  pub {Human(PubRate)} msg/s");
        }

        s.Append(CultureInfo.InvariantCulture, $"  sent {Human(Sent)} recv {Human(Received)} lost {Lost}");
        s.Append(CultureInfo.InvariantCulture, $"  in {Seconds:0.00} s  cpu bench {BenchCpu:0}%");
        s.Append(ServerCpu is { } server ? string.Create(CultureInfo.InvariantCulture, $" server {server:0}%") : " server ?");
        if (ServerMicrosPerOp is { } perOp)
        {
            s.Append(CultureInfo.InvariantCulture, $" ({perOp:0.0} µs/op)");
        }

        if (ServerRssMiB is { } rss)
        {
            s.Append(CultureInfo.InvariantCulture, $"  rss {rss:0} MiB");
        }
        if (Note is not null)
        {
            s.Append("  [").Append(Note).Append(']');
        }

        if (Warning is not null)
        {
            s.Append("  [warning: ").Append(Warning).Append(']');
        }

        return s.ToString();
    }

    private string StartupText(StringBuilder s, double readyMs)
    {
        s.Append(CultureInfo.InvariantCulture, $" INFO after {readyMs:0} ms  server cpu {ReadyCpuMillis:0} ms  rss {ServerRssMiB:0} MiB");
        if (ColdRate is { } cold && WarmRate is { } warm && ColdConnectRate is { } coldConnect && WarmConnectRate is { } warmConnect)
        {
            s.Append(CultureInfo.InvariantCulture, $"  pubsub16 {Human(cold)} -> {Human(warm)} msg/s ({cold / warm:0.00})");
            s.Append(CultureInfo.InvariantCulture, $"  connect {Human(coldConnect)} -> {Human(warmConnect)} conn/s ({coldConnect / warmConnect:0.00})  lost {Lost}");
        }

        if (Note is not null)
        {
            s.Append("  [").Append(Note).Append(']');
        }

        return (Warning is null ? s : s.Append("  [warning: ").Append(Warning).Append(']')).ToString();
    }

    private string ScaleText(StringBuilder s, long size)
    {
        s.Append(CultureInfo.InvariantCulture, $" n={Human(size)}  {Human(Rate)} {RateUnit}");
        s.Append(CultureInfo.InvariantCulture, $"  rss {RssBeforeMiB:0.0} -> {ServerRssMiB:0.0} MiB");
        if (BytesPerItem is { } perItem)
        {
            s.Append(CultureInfo.InvariantCulture, $" ({perItem:0} B each)");
        }

        if (MatchRate is { } match)
        {
            s.Append(CultureInfo.InvariantCulture, $"  match {Human(match)} msg/s");
        }

        if (PingMicros is { } ping)
        {
            s.Append(CultureInfo.InvariantCulture, $"  ping {ping:0} µs");
        }

        if (ReloadMillis is { } reload)
        {
            s.Append(CultureInfo.InvariantCulture, $"  reload {reload:0} ms");
        }

        s.Append(CultureInfo.InvariantCulture, $"  lost {Lost}");
        return (Note is null ? s : s.Append("  [").Append(Note).Append(']')).ToString();
    }

    public static string Human(double value) => value switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e9:0.00}G"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e6:0.00}M"),
        >= 1e4 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e3:0.0}k"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0.#}"),
    };

    private static void WriteIf(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteIf(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void WriteIf(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, 2));
        }
    }
}
