using System.Text.Json;
using Natrium.Contracts.Accounts;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Routing;

namespace Natrium.Silo.Monitoring;

/// GET /accountz: the accounts this node knows, or with acc= one account's detail, in
/// nats-server 2.9.10's shape (spec/monitoring_cluster.md §6). Imports and exports are the
/// configured ones plus, as there, the system account's implicit service imports into every
/// other account (Gateway.Routing.SystemImports) and the exports behind them.
internal static class Accountz
{
    public static void Write(GatewayNode[] gateways, DateTimeOffset started, MonitoringQuery query, Utf8JsonWriter w)
    {
        var gateway = gateways[0];
        var name = query.Text("acc");
        var known = gateways.SelectMany(g => g.KnownAccounts()).Distinct(StringComparer.Ordinal).ToList();
        if (name.Length > 0 && !known.Contains(name, StringComparer.Ordinal))
        {
            throw new MonitoringQueryException($"Account {name} does not exist");
        }

        w.WriteStartObject();
        w.WriteString("server_id", gateway.ServerId);
        w.WriteTime("now", DateTimeOffset.UtcNow);
        w.WriteString("system_account", gateway.Options.SystemAccount);
        if (name.Length == 0)
        {
            w.WriteStartArray("accounts");
            foreach (var account in known)
            {
                w.WriteStringValue(account);
            }

            w.WriteEndArray();
        }
        else
        {
            w.WritePropertyName("account_detail");
            WriteDetail(gateways, started, name, w);
        }

        w.WriteEndObject();
    }

    /// One account's detail as a JSON value: /accountz?acc= and `$SYS.REQ.ACCOUNT.<acc>.INFO`.
    public static void WriteDetail(GatewayNode[] gateways, DateTimeOffset started, string name, Utf8JsonWriter w)
    {
        var options = gateways[0].Options;
        var config = options.Accounts.FirstOrDefault(a => a.Name == name);
        var connections = gateways.SelectMany(g => g.OpenConnections()).Count(c => c.Account == name && c.Authenticated);
        var subscriptions = Subsz.Local(gateways, name).Count;
        w.WriteStartObject();
        w.WriteString("account_name", name);
        w.WriteTime("update_time", started);
        if (name == options.SystemAccount)
        {
            w.WriteBoolean("is_system", true);
        }

        w.WriteBoolean("expired", false);
        w.WriteBoolean("complete", true);
        w.WriteBoolean("jetstream_enabled", config?.JetStream == true);
        w.WriteNumber("leafnode_connections", 0);
        w.WriteNumber("client_connections", connections);
        w.WriteNumber("subscriptions", subscriptions);
        var system = name == options.SystemAccount;
        var exports = (config?.Exports ?? []).Concat(system ? SystemExports : []).ToList();
        if (exports.Count > 0)
        {
            WriteExports(w, exports);
        }

        var imports = (config?.Imports ?? []).Concat(system ? [] : SystemImportsOf(name, options.SystemAccount)).ToList();
        if (imports.Count > 0)
        {
            WriteImports(w, imports);
        }

        w.WriteStartObject("sublist_stats");
        Subsz.WriteStats(w, Subsz.Stats(gateways, name) with { Subscriptions = subscriptions });
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static readonly AccountExport[] SystemExports =
        [.. SystemImports.Exports.Select(subject => new AccountExport(ExportKind.Service, subject, null, ResponseType.Stream, AccountExport.DefaultResponseThreshold, null))];

    // nats-server shows each as an import of its own subject "to" the account's pinned one.
    private static IEnumerable<AccountImport> SystemImportsOf(string account, string system) =>
        SystemImports.Subjects.Select(s => new AccountImport(ExportKind.Service, system, s.Subject, SystemImports.To(account, s.Endpoint), null, false));

    private static void WriteExports(Utf8JsonWriter w, IReadOnlyList<AccountExport> exports)
    {
        w.WriteStartArray("exports");
        foreach (var export in exports)
        {
            w.WriteStartObject();
            w.WriteString("subject", export.Subject);
            w.WriteString("type", export.Kind == ExportKind.Service ? "service" : "stream");
            if (export.TokenRequired)
            {
                w.WriteBoolean("token_req", true);
            }

            if (export.Kind == ExportKind.Service)
            {
                // nats-server's names: Singleton, Streamed, Chunked.
                w.WriteString("response_type", export.ResponseType == ResponseType.Stream ? "Streamed" : export.ResponseType.ToString());
            }

            if (export.Accounts is { Count: > 0 } approved)
            {
                w.WriteStartArray("approved_accounts");
                foreach (var account in approved)
                {
                    w.WriteStringValue(account);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteImports(Utf8JsonWriter w, IReadOnlyList<AccountImport> imports)
    {
        w.WriteStartArray("imports");
        foreach (var import in imports)
        {
            w.WriteStartObject();
            w.WriteString("subject", import.Subject);
            w.WriteString("account", import.Account);
            ConnectionJson.WriteIfSet(w, "to", import.To ?? import.Prefix);
            w.WriteString("type", import.Kind == ExportKind.Service ? "service" : "stream");
            w.WriteBoolean("invalid", false);
            w.WriteBoolean("share", import.Share);
            w.WriteBoolean("tracking", false);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
