using Natrium.Gateway.Monitoring;
using System.Text.Json;
using Natrium.Contracts.JetStream;
using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// GET /jsz with nats-server 2.9.10's options and shape (spec/monitoring_cluster.md §7):
/// acc (one account), accounts, streams (implies accounts), consumers (implies streams), config,
/// leader-only, offset and limit (over the accounts). JetStream off: `disabled: true` and zeros.
/// Natrium runs each stream once in the cluster, so every stream's leader is the answering
/// server and there is no meta_cluster; consumer_detail items are CONSUMER.INFO's fields.
internal static class Jsz
{
    /// nats-server 2.9.10's answer to leader-only from a server that is not the JetStream
    /// leader (probed): 400 over HTTP, silence over $SYS (its errSkipZreq).
    public const string NotLeader = "filtered response: not leader";

    /// nats-server's JetStreamIsLeader: a server without JetStream never is; a standalone one
    /// always is, and so is every Natrium node with JetStream (each stream runs once in the
    /// cluster and its leader is the node answering; there is no meta group).
    public static bool IsLeader(GatewayNode node) => node.Options.JetStream is { Enabled: true };

    public static async Task WriteAsync(GatewayNode node, MonitoringQuery query, Utf8JsonWriter w)
    {
        var account = query.Text("acc");
        var consumers = query.Bool("consumers");
        var streams = query.Bool("streams") || consumers;
        var accounts = query.Bool("accounts") || streams || account.Length > 0;
        var config = query.Bool("config");
        if (query.Bool("leader-only") && !IsLeader(node))
        {
            throw new MonitoringQueryException(NotLeader);
        }

        var offset = Math.Max(0, query.Int("offset"));
        var limit = query.Int("limit") is var l && l <= 0 ? ConnzOptions.DefaultLimit : l;
        var usage = await JetStreamUsage.ReadAsync(node, consumers: consumers);
        w.WriteStartObject();
        w.WriteString("server_id", node.ServerId);
        w.WriteTime("now", DateTimeOffset.UtcNow);
        if (usage is null)
        {
            WriteDisabled(w);
            w.WriteEndObject();
            return;
        }

        VarzSections.WriteJetStreamConfig(w, usage);
        usage.WriteStats(w);
        w.WriteNumber("streams", usage.Streams);
        w.WriteNumber("consumers", usage.Consumers);
        w.WriteNumber("messages", usage.Messages);
        w.WriteNumber("bytes", usage.Memory + usage.Storage);
        var details = usage.Accounts.Where(a => account.Length == 0 || a.Name == account)
            .Skip((int)Math.Min(offset, int.MaxValue)).Take((int)Math.Min(limit, int.MaxValue)).ToList();
        if (accounts && details.Count > 0)
        {
            w.WriteStartArray("account_details");
            foreach (var detail in details)
            {
                WriteAccount(w, node, detail, streams, config);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// `$SYS.REQ.ACCOUNT.<acc>.JSZ`: that account's detail alone, with the same options.
    public static async Task WriteAccountAsync(GatewayNode node, string account, MonitoringQuery query, Utf8JsonWriter w)
    {
        var consumers = query.Bool("consumers");
        var streams = query.Bool("streams") || consumers;
        var config = query.Bool("config");
        var usage = await JetStreamUsage.ReadAsync(node, account, consumers);
        if (usage?.Accounts.FirstOrDefault() is { } detail)
        {
            WriteAccount(w, node, detail, streams, config);
            return;
        }

        // Not a JetStream account here: nats-server answers its empty detail.
        WriteAccount(w, node, new JetStreamUsage.Account(account, null, new JetStreamReport([], [], 0, 0)), streams, config);
    }

    private static void WriteDisabled(Utf8JsonWriter w)
    {
        w.WriteBoolean("disabled", true);
        w.WriteStartObject("config");
        w.WriteNumber("max_memory", 0);
        w.WriteNumber("max_storage", 0);
        w.WriteEndObject();
        foreach (var name in (string[])["memory", "storage", "reserved_memory", "reserved_storage", "accounts", "ha_assets"])
        {
            w.WriteNumber(name, 0);
        }

        JetStreamUsage.WriteApi(w, 0, 0);
        foreach (var name in (string[])["streams", "consumers", "messages", "bytes"])
        {
            w.WriteNumber(name, 0);
        }
    }

    /// An account's detail: usage, its limits as reservations (unlimited = 2^64-1, as -1
    /// prints in nats-server's unsigned field), the API counters, then its streams.
    private static void WriteAccount(Utf8JsonWriter w, GatewayNode node, JetStreamUsage.Account account, bool streams, bool config)
    {
        w.WriteStartObject();
        w.WriteString("name", account.Name);
        w.WriteString("id", account.Name);
        w.WriteNumber("memory", account.Memory);
        w.WriteNumber("storage", account.Storage);
        w.WriteNumber("reserved_memory", unchecked((ulong)(account.Limits?.MaxMemory ?? -1)));
        w.WriteNumber("reserved_storage", unchecked((ulong)(account.Limits?.MaxStore ?? -1)));
        w.WriteNumber("accounts", 0);
        w.WriteNumber("ha_assets", 0);
        JetStreamUsage.WriteApi(w, account.Report.ApiTotal, account.Report.ApiErrors);
        if (streams && account.Report.Streams.Count > 0)
        {
            w.WriteStartArray("stream_detail");
            for (var i = 0; i < account.Report.Streams.Count; i++)
            {
                WriteStream(w, node, account.Report.Names[i], account.Report.Streams[i], config, account.Report.Consumers?[i]);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteStream(Utf8JsonWriter w, GatewayNode node, string name, StreamSnapshot stream, bool config, IReadOnlyList<byte[]>? consumers)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteTime("created", Time(stream.CreatedNanos));
        w.WriteStartObject("cluster");
        w.WriteString("leader", node.ServerId);
        w.WriteEndObject();
        if (config)
        {
            w.WritePropertyName("config");
            w.WriteRawValue(stream.ConfigJson);
        }

        w.WriteStartObject("state");
        w.WriteNumber("messages", stream.Messages);
        w.WriteNumber("bytes", stream.Bytes);
        w.WriteNumber("first_seq", stream.FirstSequence);
        w.WriteTime("first_ts", Time(stream.FirstTimestampNanos));
        w.WriteNumber("last_seq", stream.LastSequence);
        w.WriteTime("last_ts", Time(stream.LastTimestampNanos));
        if (stream.NumSubjects > 0)
        {
            w.WriteNumber("num_subjects", stream.NumSubjects);
        }

        if (stream.NumDeleted > 0)
        {
            w.WriteNumber("num_deleted", stream.NumDeleted);
        }

        w.WriteNumber("consumer_count", stream.Consumers);
        w.WriteEndObject();
        if (consumers is { Count: > 0 })
        {
            w.WriteStartArray("consumer_detail");
            foreach (var consumer in consumers)
            {
                w.WriteRawValue(consumer);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// Unix nanoseconds as a time; null is Go's zero time (0001-01-01T00:00:00Z).
    private static DateTimeOffset Time(long? nanos) =>
        nanos is { } n ? DateTimeOffset.UnixEpoch.AddTicks(n / 100) : DateTimeOffset.MinValue;
}
