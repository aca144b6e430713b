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
/// account, as are INFO (the account's /accountz detail), STATZ (its /accstatz entry, only from
/// servers where it has connections) and JSZ (its /jsz account detail). A server filter (server_name, host, cluster, tags, domain) that is not
/// this server keeps it silent, as nats-server.
internal static class ServerMonitoringRequests
{
    public static Task<MonitoringAnswer>? Answer(MonitoredServer server, string endpoint, byte[] body, string? account)
    {
        JsonDocument? document;
        try
        {
            document = body.Length == 0 ? null : JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Task.FromResult(new MonitoringAnswer(null, 400, e.Message));
        }

        using (document)
        {
            return Answer(server, endpoint, document?.RootElement ?? default, account);
        }
    }

    private static Task<MonitoringAnswer>? Answer(MonitoredServer server, string endpoint, JsonElement options, string? account)
    {
        var node = server.First;
        if (options.ValueKind == JsonValueKind.Object && !IsThisServer(node, options))
        {
            return null;
        }

        if (endpoint == "JSZ" && account is null && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("leader_only", out var leaderOnly) && leaderOnly.ValueKind == JsonValueKind.True && !Jsz.IsLeader(node))
        {
            // Jsz.NotLeader: nats-server's errSkipZreq keeps a server that is not the leader silent.
            return null;
        }

        var gateways = server.Gateways;
        Func<MonitoringQuery, Utf8JsonWriter, Task>? write = endpoint switch
        {
            "VARZ" => (q, w) => Varz.WriteAsync(server, q, w),
            "JSZ" when account is not null => (q, w) => Jsz.WriteAccountAsync(node, account, q, w),
            "JSZ" => (q, w) => Jsz.WriteAsync(node, q, w),
            "CONNZ" => Sync((q, w) => Connz.Write(gateways, q, w)),
            "SUBSZ" => Sync((q, w) => Subsz.Write(gateways, q, w)),
            "ACCOUNTZ" => Sync((q, w) => Accountz.Write(gateways, server.Started, q, w)),
            "INFO" => Sync((q, w) => Accountz.WriteDetail(gateways, server.Started, account!, w)),
            "STATZ" when StatzAccounts(options, account) is var accounts && (accounts is null || Accstatz.HasConnections(gateways, accounts)) =>
                Sync((q, w) => Accstatz.Write(gateways, q, w, accounts)),
            "ROUTEZ" => Sync((q, w) => Topologyz.WriteRoutez(gateways, q, w)),
            "GATEWAYZ" => Sync((q, w) => Topologyz.WriteGatewayz(gateways, q, w)),
            "LEAFZ" => Sync((q, w) => Topologyz.WriteLeafz(gateways, q, w)),
            "HEALTHZ" => Sync((_, w) => WriteHealth(node, w)),
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
            return Task.FromResult(new MonitoringAnswer(null, 400, e.Message));
        }

        return RunAsync(write, new MonitoringQuery(query));
    }

    // ACCOUNT.<acc>.STATZ: that account; ACCOUNT.PING.STATZ: the body's accounts, else all.
    private static string[]? StatzAccounts(JsonElement options, string? account)
    {
        if (account is not null && account != "PING")
        {
            return [account];
        }

        return options.ValueKind == JsonValueKind.Object && options.TryGetProperty("accounts", out var list) && list.ValueKind == JsonValueKind.Array
            && list.GetArrayLength() > 0
            ? [.. list.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)]
            : null;
    }

    private static async Task<MonitoringAnswer> RunAsync(Func<MonitoringQuery, Utf8JsonWriter, Task> write, MonitoringQuery query)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        try
        {
            await using var writer = new Utf8JsonWriter(buffer);
            await write(query, writer);
        }
        catch (MonitoringQueryException e)
        {
            return new MonitoringAnswer(null, 500, e.Message, DataNull: true);
        }

        return new MonitoringAnswer(buffer.WrittenSpan.ToArray());
    }

    private static Func<MonitoringQuery, Utf8JsonWriter, Task> Sync(Action<MonitoringQuery, Utf8JsonWriter> write) => (q, w) =>
    {
        write(q, w);
        return Task.CompletedTask;
    };

    private static bool IsThisServer(GatewayNode node, JsonElement options)
    {
        var name = node.Options.ServerName ?? node.ServerId;
        return Matches(options, "server_name", name)
            && Matches(options, "host", node.Options.Host)
            && Matches(options, "cluster", node.Options.ClusterName ?? string.Empty)
            && Matches(options, "domain", string.Empty)
            && HasTags(node, options);
    }

    /// Every tag the filter names (compared as nats-server's TagList does) is one of this server's.
    private static bool HasTags(GatewayNode node, JsonElement options) =>
        !options.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array
        || tags.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String
            && node.Options.Tags.Contains(Natrium.Silo.Mapping.ServerTagsMapper.Normalize(t.GetString()!), StringComparer.Ordinal));

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
                case "consumer" when endpoint == "JSZ":
                    query["consumers"] = text;
                    break;
                case "leader_only" when endpoint == "JSZ":
                    query["leader-only"] = text;
                    break;
                case "include_unused" when endpoint == "STATZ":
                    query["unused"] = text;
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
            w.WriteString("error", Healthz.NotReady);
        }

        w.WriteEndObject();
    }
}
