using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Monitoring;

namespace Natrium.Silo.Monitoring;

/// The monitoring endpoints over the system account (spec/monitoring_cluster.md §8):
/// `$SYS.REQ.SERVER.PING.<EP>` and `$SYS.REQ.SERVER.<id>.<EP>`, the body's JSON options (their
/// JSON names) turned into the HTTP query the endpoint already reads, each gateway reporting
/// its own connections; `$SYS.REQ.ACCOUNT.<acc>.<CONNZ|SUBSZ|LEAFZ>` is the same pinned to the
/// account. A server filter (server_name, host, cluster, tags, domain) that is not
/// this server keeps it silent, as nats-server.
internal static class ServerMonitoringRequests
{
    public static MonitoringAnswer? Answer(GatewayNode node, DateTimeOffset started, string endpoint, byte[] body, string? account)
    {
        JsonDocument? document;
        try
        {
            document = body.Length == 0 ? null : JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return new MonitoringAnswer(null, 400, e.Message);
        }

        using (document)
        {
            return Answer(node, started, endpoint, document?.RootElement ?? default, account);
        }
    }

    private static MonitoringAnswer? Answer(GatewayNode node, DateTimeOffset started, string endpoint, JsonElement options, string? account)
    {
        if (options.ValueKind == JsonValueKind.Object && !IsThisServer(node, options))
        {
            return null;
        }

        GatewayNode[] gateways = [node];
        Action<MonitoringQuery, Utf8JsonWriter>? write = endpoint switch
        {
            "CONNZ" => (q, w) => Connz.Write(gateways, q, w),
            "SUBSZ" => (q, w) => Subsz.Write(gateways, q, w),
            "ACCOUNTZ" => (q, w) => Accountz.Write(gateways, started, q, w),
            "ROUTEZ" => (q, w) => Topologyz.WriteRoutez(gateways, q, w),
            "GATEWAYZ" => (q, w) => Topologyz.WriteGatewayz(gateways, q, w),
            "LEAFZ" => (q, w) => Topologyz.WriteLeafz(gateways, q, w),
            "HEALTHZ" => (_, w) => WriteHealth(node, w),
            _ => null,
        };
        if (write is null)
        {
            return null;
        }

        QueryCollection query;
        try
        {
            query = QueryOf(endpoint, options, account);
        }
        catch (MonitoringQueryException e)
        {
            return new MonitoringAnswer(null, 400, e.Message);
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        try
        {
            using var writer = new Utf8JsonWriter(buffer);
            write(new MonitoringQuery(query), writer);
        }
        catch (MonitoringQueryException e)
        {
            return new MonitoringAnswer(null, 500, e.Message, DataNull: true);
        }

        return new MonitoringAnswer(buffer.WrittenSpan.ToArray());
    }

    private static bool IsThisServer(GatewayNode node, JsonElement options)
    {
        var name = node.Options.ServerName ?? node.ServerId;
        return Matches(options, "server_name", name)
            && Matches(options, "host", node.Options.Host)
            && Matches(options, "cluster", node.Options.ClusterName ?? string.Empty)
            && Matches(options, "domain", string.Empty)
            && !(options.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array && tags.GetArrayLength() > 0);
    }

    private static bool Matches(JsonElement options, string key, string value) =>
        !options.TryGetProperty(key, out var wanted) || wanted.ValueKind != JsonValueKind.String
        || wanted.GetString() is not { Length: > 0 } text || text == value;

    // The JSON option names of nats-server's *EventOptions, as the HTTP query names.
    // A request pinned to an account answers for that account whatever acc the body names.
    private static QueryCollection QueryOf(string endpoint, JsonElement options, string? account)
    {
        var query = QueryOf(endpoint, options);
        if (account is not null)
        {
            query["acc"] = account;
        }

        return new QueryCollection(query);
    }

    private static Dictionary<string, StringValues> QueryOf(string endpoint, JsonElement options)
    {
        var query = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        if (options.ValueKind != JsonValueKind.Object)
        {
            return query;
        }

        foreach (var option in options.EnumerateObject())
        {
            var text = option.Value.ValueKind switch
            {
                JsonValueKind.String => option.Value.GetString()!,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => option.Value.GetRawText(),
                _ => null,
            };
            if (text is null)
            {
                continue;
            }

            switch (option.Name)
            {
                case "subscriptions":
                    query.TryAdd("subs", text);
                    break;
                case "subscriptions_detail" when text == "true":
                    query["subs"] = "detail";
                    break;
                case "account":
                    query["acc"] = text;
                    break;
                case "state" when endpoint == "CONNZ":
                    query["state"] = option.Value.ValueKind == JsonValueKind.Number ? StateOf(text) : throw new MonitoringQueryException(
                        "json: cannot unmarshal string into Go struct field ConnzEventOptions.state of type server.ConnState");
                    break;
                default:
                    query[option.Name] = text;
                    break;
            }
        }

        return query;
    }

    // nats-server's ConnState: 0 open, 1 closed, 2 all.
    private static string StateOf(string number) => number switch
    {
        "1" => "closed",
        "2" => "all",
        _ => "open",
    };

    private static void WriteHealth(GatewayNode node, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (node.IsAcceptingClients)
        {
            w.WriteString("status", "ok");
        }
        else
        {
            w.WriteString("status", "error");
            w.WriteString("error", "Server is not accepting client connections");
        }

        w.WriteEndObject();
    }
}
