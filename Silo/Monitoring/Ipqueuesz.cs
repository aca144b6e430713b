using System.Text.Json;

namespace Natrium.Silo.Monitoring;

/// GET /ipqueuesz: nats-server 2.9.10 lists its internal queues (send queues, JetStream and
/// raft queues) by name with their pending counts, only the non-empty ones unless all=1, and
/// answers `{}` when none is pending. Natrium has no such queues (each connection's outbound
/// buffer is in /connz pending_bytes), so the answer is `{}` once the options decode.
internal static class Ipqueuesz
{
    public static void Write(MonitoringQuery query, Utf8JsonWriter w)
    {
        _ = query.Bool("all");
        w.WriteStartObject();
        w.WriteEndObject();
    }
}
