using System.Text.Json;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Messages;
using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// GET /connz?cluster=true (Natrium's own; nats-server and plain /connz report one server's
/// connections): every live node's connections with the same options, merged. Each node is
/// asked through its gateway observer for its first offset+limit connections in the asked
/// order, already as JSON; the merge orders them by the same key and pages them. A node that
/// does not answer within AnswerTimeout is listed in `missing_servers` instead of holding the
/// request. Each connection names its node (`server_id`, `server_name`); cids are per node.
internal static partial class ClusterConnz
{
    /// How long a node has to answer; a node that dies mid-request costs no more than this.
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(2);

    public static async Task WriteAsync(GatewayNode[] gateways, MonitoringQuery query, Utf8JsonWriter w, ILogger logger)
    {
        var options = ConnzOptions.Parse(query);
        var now = DateTimeOffset.UtcNow;
        var local = gateways.Select(g => (Node: Describe(g), Part: (ConnzPart?)Connz.Part(g, options)));
        var localIds = gateways.Select(g => g.ServerId).ToHashSet(StringComparer.Ordinal);
        var others = gateways[0].ClusterNodes.Where(n => !localIds.Contains(n.ServerId)).ToList();
        var remote = await Task.WhenAll(others.Select(n => AskAsync(n, options.ToPartQuery(), logger)));
        var parts = local.Concat(remote).ToList();
        var answered = parts.Where(p => p.Part is not null).ToList();
        w.WriteStartObject();
        if (!answered.Any(p => p.Part!.KnowsAccount))
        {
            Connz.WriteUnknownAccount(w, now, options);
        }
        else
        {
            WriteMerged(w, gateways[0].ServerId, now, options, answered);
        }

        w.WriteNumber("num_servers", answered.Count);
        w.WriteStartArray("missing_servers");
        foreach (var (node, _) in parts.Where(p => p.Part is null))
        {
            w.WriteStartObject();
            w.WriteString("server_id", node.ServerId);
            w.WriteString("server_name", node.ServerName);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMerged(Utf8JsonWriter w, string serverId, DateTimeOffset now, ConnzOptions options, List<(ConnectionJson.Node Node, ConnzPart? Part)> answered)
    {
        var page = Page(answered.Select(p => (p.Node, p.Part!)), options);
        Connz.WriteEnvelope(w, serverId, now, options, answered.Sum(p => p.Part!.Total), page.Count);
        w.WriteStartArray("connections");
        foreach (var (_, row) in page)
        {
            // Parsed again so the row is indented like the rest of the answer.
            using var json = JsonDocument.Parse(row.Json);
            json.RootElement.WriteTo(w);
        }

        w.WriteEndArray();
    }

    /// The nodes' rows in one order (theirs, ties by cid then node), paged.
    public static List<(ConnectionJson.Node Node, ConnzRow Row)> Page(IEnumerable<(ConnectionJson.Node Node, ConnzPart Part)> parts, ConnzOptions options) =>
        parts
            .SelectMany(p => p.Part.Rows.Select(r => (p.Node, Row: r)))
            .OrderBy(e => e.Row.Key)
            .ThenBy(e => e.Row.Text, StringComparer.Ordinal)
            .ThenBy(e => e.Row.Cid)
            .ThenBy(e => e.Node.ServerName, StringComparer.Ordinal)
            .ThenBy(e => e.Node.ServerId, StringComparer.Ordinal)
            .Skip((int)Math.Min(options.Offset, int.MaxValue))
            .Take((int)Math.Min(options.Limit, int.MaxValue))
            .ToList();

    private static async Task<(ConnectionJson.Node Node, ConnzPart? Part)> AskAsync(ClusterNode node, string query, ILogger logger)
    {
        var described = new ConnectionJson.Node(node.ServerId, node.ServerName);
        try
        {
            return (described, await node.Observer.Connz(query).WaitAsync(AnswerTimeout));
        }
        catch (Exception e)
        {
            LogMissing(logger, node.ServerName, e.Message);
            return (described, null);
        }
    }

    private static ConnectionJson.Node Describe(GatewayNode gateway) => new(gateway.ServerId, gateway.Options.ServerName ?? gateway.ServerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitoring: node {Server} did not answer a cluster-wide /connz: {Cause}")]
    private static partial void LogMissing(ILogger logger, string server, string cause);
}
