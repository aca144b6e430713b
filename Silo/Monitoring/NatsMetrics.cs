using System.Diagnostics.Metrics;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Monitoring;

namespace Natrium.Silo.Monitoring;

/// The broker's side of /metrics: observable instruments read at scrape time from the
/// counters the connections keep anyway (GatewayNode.Traffic), so the message path pays
/// nothing. The /varz numbers keep the names and the gauge type prometheus-nats-exporter gives
/// them (`gnatsd_varz_in_msgs`…), so dashboards built for it work unchanged; what nats-server
/// has no field for is `natrium_…`. Every series carries server_id and server_name (one set
/// per gateway); per-account series add account. Orleans' meter is exported beside these.
internal sealed class NatsMetrics : IDisposable
{
    public const string MeterName = "Natrium";

    /// The per-account series' names start so (MetricCardinality gives them room for many).
    public const string AccountPrefix = "natrium_account_";

    /// A scrape reads every instrument: the totals are added up once per scrape, not per series.
    private static readonly TimeSpan Reuse = TimeSpan.FromMilliseconds(250);

    private readonly Meter _meter = new(MeterName);
    private readonly GatewayNode[] _gateways;
    private readonly Lock _sync = new();
    private (DateTime At, Reading[] Readings) _last;

    public NatsMetrics(GatewayNode[] gateways, DateTimeOffset started)
    {
        _gateways = gateways;
        Varz("connections", r => r.Gateway.ClientCount);
        Varz("total_connections", r => r.Gateway.TotalConnections);
        Varz("subscriptions", r => r.Subscriptions);
        Varz("in_msgs", r => r.Traffic.InMsgs);
        Varz("out_msgs", r => r.Traffic.OutMsgs);
        Varz("in_bytes", r => r.Traffic.InBytes);
        Varz("out_bytes", r => r.Traffic.OutBytes);
        Varz("slow_consumers", r => r.Traffic.SlowConsumers);
        Varz("mem", _ => ProcessUsage.Memory());
        Varz("cores", _ => Environment.ProcessorCount);
        _meter.CreateObservableGauge("gnatsd_varz_cpu", () => Each(r => new Measurement<double>(ProcessUsage.CpuPercent(), r.Tags)));
        _meter.CreateObservableGauge("natrium_uptime_seconds", () => Each(r => new Measurement<double>((DateTimeOffset.UtcNow - started).TotalSeconds, r.Tags)));
        Account("connections", a => a.Connections);
        Account("in_msgs", a => a.Traffic.InMsgs);
        Account("out_msgs", a => a.Traffic.OutMsgs);
        Account("in_bytes", a => a.Traffic.InBytes);
        Account("out_bytes", a => a.Traffic.OutBytes);
        Account("slow_consumers", a => a.Traffic.SlowConsumers);
    }

    public void Dispose() => _meter.Dispose();

    private void Varz(string field, Func<Reading, long> value) =>
        _meter.CreateObservableGauge("gnatsd_varz_" + field, () => Each(r => new Measurement<long>(value(r), r.Tags)));

    private void Account(string field, Func<AccountTraffic, long> value) =>
        _meter.CreateObservableGauge(AccountPrefix + field, () => Readings().SelectMany(r => r.Accounts.Select(a =>
            new Measurement<long>(value(a), [.. r.Tags, new("account", a.Account)]))));

    private IEnumerable<Measurement<T>> Each<T>(Func<Reading, Measurement<T>> measure)
        where T : struct => Readings().Select(measure);

    private Reading[] Readings()
    {
        lock (_sync)
        {
            var now = DateTime.UtcNow;
            if (_last.Readings is null || now - _last.At > Reuse)
            {
                _last = (now, [.. _gateways.Select(Read)]);
            }

            return _last.Readings;
        }
    }

    private static Reading Read(GatewayNode gateway) => new(
        gateway,
        [new("server_id", gateway.ServerId), new("server_name", gateway.Options.ServerName ?? gateway.ServerId)],
        gateway.Traffic(),
        gateway.TrafficByAccount(),
        gateway.SubscriptionCount());

    private sealed record Reading(
        GatewayNode Gateway, KeyValuePair<string, object?>[] Tags, Traffic Traffic, IReadOnlyList<AccountTraffic> Accounts, int Subscriptions);
}
