namespace Natrium.Silo.Monitoring;

/// Which connections /connz lists (state=).
internal enum ConnectionState
{
    Open,
    Closed,
    All,
}

/// /connz's query options, decoded in nats-server's order so the first bad one is the one
/// reported, then checked as its Connz() does (spec/monitoring_cluster.md §4).
internal sealed record ConnzOptions(
    string Sort,
    bool Auth,
    bool Subs,
    bool SubsDetail,
    long Offset,
    long Limit,
    ulong Cid,
    ConnectionState State,
    string User,
    string Account)
{
    /// nats-server's DefaultConnListSize.
    public const int DefaultLimit = 1024;

    /// Sort keys of nats-server 2.9.10 (`rtt` came later and is refused, as there).
    public static readonly IReadOnlySet<string> SortKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "cid", "start", "subs", "pending", "msgs_to", "msgs_from", "bytes_to", "bytes_from", "last", "idle", "uptime", "stop", "reason",
    };

    public static ConnzOptions Parse(MonitoringQuery query)
    {
        var sort = query.Text("sort");
        var auth = query.Bool("auth");
        var detail = query.Text("subs") == "detail";
        var subs = detail || query.Bool("subs");
        var offset = query.Int("offset");
        var limit = query.Int("limit");
        var cid = query.UInt64("cid");
        var state = query.Text("state") switch
        {
            "" or "open" => ConnectionState.Open,
            "closed" => ConnectionState.Closed,
            "any" or "all" => ConnectionState.All,
            var other => throw new MonitoringQueryException($"Error decoding state for {other}"),
        };
        var options = new ConnzOptions(sort.Length == 0 ? "cid" : sort, auth, subs, detail, offset, limit, cid, state, query.Text("user"), query.Text("acc"));
        return options.Checked();
    }

    /// The query string that parses back to these options, with the page widened to its first
    /// offset+limit connections: what a cluster-wide /connz asks each other node for.
    public string ToPartQuery()
    {
        var wanted = Math.Min(Math.Min(Offset, int.MaxValue) + Math.Min(Limit, int.MaxValue), int.MaxValue);
        var state = State switch { ConnectionState.Closed => "closed", ConnectionState.All => "all", _ => "open" };
        var subs = SubsDetail ? "detail" : Subs ? "true" : "false";
        return Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
        {
            ["sort"] = Sort,
            ["auth"] = Auth ? "true" : "false",
            ["subs"] = subs,
            ["offset"] = "0",
            ["limit"] = wanted.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cid"] = Cid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["state"] = state,
            ["user"] = User,
            ["acc"] = Account,
        }).Value!;
    }

    /// Options from a query string made by ToPartQuery.
    public static ConnzOptions FromPartQuery(string query) =>
        Parse(new MonitoringQuery(new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query))));

    private ConnzOptions Checked()
    {
        if (!SortKeys.Contains(Sort))
        {
            throw new MonitoringQueryException($"invalid sorting option: {Sort}");
        }

        if (Sort is "stop" or "reason" && State != ConnectionState.Closed)
        {
            throw new MonitoringQueryException($"sort by {Sort} only valid on closed connections");
        }

        return this with
        {
            Offset = Math.Max(0, Offset),
            Limit = Cid > 0 ? 1 : Limit <= 0 ? DefaultLimit : Limit,
        };
    }
}
