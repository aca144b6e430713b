using Natrium.Gateway.Hosting;
using Natrium.Silo.Cli;
using Natrium.Silo.Conf;
using Natrium.Silo.Mapping;
using Natrium.Gateway.Tls;
using Natrium.Gateway.WebSockets;
using Natrium.Contracts.Accounts;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Callout;
using Natrium.Gateway.Permissions;
using Natrium.Grains.Streams.Api;

namespace Natrium.Silo.Hosting;

/// Config file (if any) → options, then the command line over it, then validation.
/// Used at start, by -t, and on reload.
internal static class ServerOptionsLoader
{
    public static (ServerOptions? Options, ConfDiagnostics Diagnostics) Load(CommandLineOptions cli, Func<string, string?>? environment = null)
    {
        var diagnostics = new ConfDiagnostics();
        var options = new ServerOptions();
        if (cli.ConfigFile is not null)
        {
            try
            {
                var root = ConfParser.ParseFile(cli.ConfigFile, environment);
                options = ServerOptionsMapper.Map(root, diagnostics);
            }
            catch (ConfException e)
            {
                diagnostics.Error(e.Position, e.Message);
            }
        }

        options = CommandLineOverrides.Apply(options, cli);
        options = TestFlags.Apply(options, cli, environment ?? Environment.GetEnvironmentVariable, diagnostics);
        options = options with { Monitoring = options.Monitoring.WithDefaultHost(options.Gateways[0].Host) };
        diagnostics.Errors.AddRange(options.LameDuck.Validate());
        if (options.RemoteSyslog is { } syslog && SyslogTarget.ParseRemote(syslog).Error is { } badSyslog)
        {
            diagnostics.Errors.Add(badSyslog);
        }

        options = JetStreamSettings.Apply(options, diagnostics);
        diagnostics.Errors.AddRange(Cluster.ClusterSettingsRules.Validate(options));
        diagnostics.Errors.AddRange(Monitoring.MonitoringRules.Validate(options));
        options = Cluster.ClusterSettingsRules.ApplyName(options);
        foreach (var problem in options.Gateways.SelectMany(GatewayOptionsValidator.Validate))
        {
            diagnostics.Errors.Add(problem);
        }

        foreach (var gateway in options.Gateways)
        {
            CheckSecurity(gateway, diagnostics);
        }

        return (diagnostics.Errors.Count == 0 ? options : null, diagnostics);
    }

    /// Certificates must load and the users must make sense before anything starts.
    private static void CheckSecurity(GatewayOptions gateway, ConfDiagnostics diagnostics)
    {
        if (gateway.Tls is { } tls)
        {
            if (tls.IsCertificateless)
            {
                // nats-server 2.9.10 starts so too (an empty tls {}): TLS required, no handshake works.
                diagnostics.Warnings.Add(TlsServer.NoCertificateWarning);
            }
            else if (tls.CertFile.Length == 0 || tls.KeyFile.Length == 0)
            {
                diagnostics.Errors.Add("TLS needs both a certificate and a key (tls.cert_file/key_file or --tlscert/--tlskey)");
            }
            else
            {
                try
                {
                    _ = new TlsServer(tls);
                }
                catch (InvalidOperationException e)
                {
                    diagnostics.Errors.Add(e.Message);
                }
            }
        }

        if (gateway.Websocket is { } websocket)
        {
            diagnostics.Errors.AddRange(WebsocketOptionsValidator.Validate(websocket, gateway.Authorization, gateway.Operators is not null));
            CheckCertificates(websocket.Tls, diagnostics);
        }

        CheckImports(gateway.Accounts, diagnostics);
        // In operator mode the system account is a public key the resolver finds (TrustedOperatorsBuilder).
        if (gateway.Operators is null && gateway.SystemAccount != "$SYS" && gateway.Accounts.All(a => a.Name != gateway.SystemAccount))
        {
            diagnostics.Errors.Add($"system account \"{gateway.SystemAccount}\" not defined in accounts");
        }

        var authorization = AuthorizationConfigValidator.Validate(gateway.Authorization, gateway.Authorization.HasAccounts);
        diagnostics.Errors.AddRange(authorization.Errors);
        diagnostics.Errors.AddRange(AuthCalloutConfigValidator.Validate(gateway.Authorization.Callout, gateway.Authorization.Users, gateway.Accounts.Select(a => a.Name)));
        foreach (var permissions in gateway.Authorization.Users.Select(u => u.Permissions).Append(gateway.Authorization.SingleUserPermissions))
        {
            diagnostics.Errors.AddRange(PermissionsValidator.Validate(permissions));
        }
        diagnostics.StartWarnings.AddRange(authorization.Warnings);
    }

    private static void CheckCertificates(TlsOptions? tls, ConfDiagnostics diagnostics)
    {
        try
        {
            _ = tls is null ? null : new TlsServer(tls);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Security.Cryptography.CryptographicException)
        {
            diagnostics.Errors.Add("websocket: " + e.Message);
        }
    }

    /// Every import names a defined account and is allowed by that account's exports, with
    /// nats-server's texts (spec/accounts.md §2). The same rule runs in the exporter's grain.
    private static void CheckImports(IReadOnlyList<AccountConfig> accounts, ConfDiagnostics diagnostics)
    {
        var byName = accounts.ToDictionary(a => a.Name, StringComparer.Ordinal);
        foreach (var importer in accounts)
        {
            foreach (var import in importer.Imports)
            {
                var kind = import.Kind == ExportKind.Stream ? "stream" : "service";
                if (!byName.TryGetValue(import.Account, out var exporter))
                {
                    diagnostics.Errors.Add($"\"{import.Account}\" account not defined for {kind} import");
                }
                else if (!ExportAuthorization.IsAllowed(exporter.Exports, importer.Name, import.Kind, import.Subject))
                {
                    diagnostics.Errors.Add($"Error adding {kind} import \"{import.Subject}\": {kind} import not authorized");
                }
                else if (import.Kind == ExportKind.Service && ServiceImportFormsCycle(byName, importer.Name, import))
                {
                    diagnostics.Errors.Add($"Error adding service import \"{import.Subject}\": import forms a cycle");
                }
            }
        }
    }

    /// Whether following the exporter's own service imports of the subject (a request goes on
    /// through them) leads back to the importer, which nats-server 2.9.10 refuses at start.
    private static bool ServiceImportFormsCycle(Dictionary<string, AccountConfig> byName, string importer, AccountImport import)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Account, string Subject)>();
        pending.Push((import.Account, import.Subject));
        while (pending.TryPop(out var next))
        {
            if (!visited.Add(next.Account) || !byName.TryGetValue(next.Account, out var account))
            {
                continue;
            }

            foreach (var onward in account.Imports.Where(i => i.Kind == ExportKind.Service && SubjectOverlap.Collide(i.To ?? i.Subject, next.Subject)))
            {
                if (onward.Account == importer)
                {
                    return true;
                }

                pending.Push((onward.Account, onward.Subject));
            }
        }

        return false;
    }
}
