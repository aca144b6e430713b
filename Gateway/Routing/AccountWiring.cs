using Microsoft.Extensions.Logging;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Routing;

/// Exports and imports as this gateway applies them (spec/accounts.md §3–§5). For each account
/// it serves (config mode: every configured account; operator mode: those its clients use) it
/// tells each exporter what the account imports from it, installs the account's service
/// imports as their exporters allow them, and installs the stream imports other accounts were
/// granted from it. One code path for both modes: only where an AccountConfig comes from
/// differs (the config file, or an account JWT).
internal sealed partial class AccountWiring(IGrainFactory grains, RoutingTable routing, Func<GatewayRef> self, ServiceReplyTable replies, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, AccountConfig> _served = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _grantVersions = new(StringComparer.Ordinal);

    /// Accounts this gateway wires, with the configuration it wired them with.
    public IReadOnlyCollection<string> Served
    {
        get
        {
            lock (_served)
            {
                return [.. _served.Keys];
            }
        }
    }

    /// The configuration each served account was last served with.
    public IReadOnlyDictionary<string, AccountConfig> ServedConfigs
    {
        get
        {
            lock (_served)
            {
                return new Dictionary<string, AccountConfig>(_served, StringComparer.Ordinal);
            }
        }
    }

    /// Starts serving an account, or applies its new configuration. When a grain call fails the
    /// account keeps the configuration it was served with before, so the next reload, which
    /// re-wires only what differs from it (AccountRewiring), tries again.
    public async Task ServeAsync(AccountConfig config)
    {
        await _gate.WaitAsync();
        AccountConfig? previous;
        lock (_served)
        {
            previous = _served.GetValueOrDefault(config.Name);
            _served[config.Name] = config;
        }

        try
        {
            await DeclareImportsAsync(config.Name, config.Imports, previous?.Imports ?? []);
            await InstallServiceImportsAsync(config);
            var grants = await Grain(config.Name).Subscribe(self());
            OnStreamImports(config.Name, grants);
        }
        catch (Exception)
        {
            lock (_served)
            {
                if (previous is null)
                {
                    _served.Remove(config.Name);
                }
                else
                {
                    _served[config.Name] = previous;
                }
            }

            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// Stops serving an account: its imports are withdrawn and its routes removed.
    public async Task WithdrawAsync(string account)
    {
        await _gate.WaitAsync();
        try
        {
            AccountConfig? previous;
            lock (_served)
            {
                _served.Remove(account, out previous);
            }

            if (previous is null)
            {
                return;
            }

            await DeclareImportsAsync(account, [], previous.Imports);
            await Grain(account).Unsubscribe(self().Id);
            routing.Bind(account).SetServiceImports([]);
            routing.Bind(account).SetStreamImports([]);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// The exporter's exports changed: the service imports served accounts take from it are
    /// decided again (its stream imports come back as new grants by themselves).
    public async Task ReauthorizeImportsFromAsync(string exporter)
    {
        AccountConfig[] importers;
        lock (_served)
        {
            importers = _served.Values.Where(c => c.Imports.Any(i => i.Account == exporter && i.Kind == ExportKind.Service)).ToArray();
        }

        await _gate.WaitAsync();
        try
        {
            foreach (var importer in importers)
            {
                await InstallServiceImportsAsync(importer);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// The exporter's grain started again without its state (a node loss, or Orleans ended its
    /// activation): what the served accounts import from it is declared to it again.
    public async Task RedeclareImportsToAsync(string exporter)
    {
        await _gate.WaitAsync();
        try
        {
            AccountConfig[] importers;
            lock (_served)
            {
                importers = _served.Values.Where(c => c.Imports.Any(i => i.Account == exporter)).ToArray();
            }

            foreach (var importer in importers)
            {
                await Grain(exporter).SetImports(importer.Name, importer.Imports.Where(i => i.Account == exporter).ToArray());
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// The stream imports an exporter grants, from its grain (on subscribe or as a push).
    /// Installed in the exporter's routing: its publishes also reach each importer.
    public void OnStreamImports(string exporter, StreamImportGrants grants)
    {
        lock (_grantVersions)
        {
            if (_grantVersions.TryGetValue(exporter, out var seen) && seen > grants.Version)
            {
                return;
            }

            _grantVersions[exporter] = grants.Version;
            var routes = grants.Grants
                .Select(g => new StreamImportRoute(SubjectText.ToBytes(g.Subject), routing.Bind(g.Importer), SubjectTransform.Create(g.Subject, g.To, g.Prefix)))
                .ToArray();
            routing.Bind(exporter).SetStreamImports(routes);
        }
    }

    /// Tells every exporter what this account imports from it now (and withdraws from those it
    /// no longer imports from).
    private async Task DeclareImportsAsync(string importer, IReadOnlyList<AccountImport> imports, IReadOnlyList<AccountImport> previous)
    {
        var byExporter = imports.GroupBy(i => i.Account, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        foreach (var gone in previous.Select(i => i.Account).Distinct(StringComparer.Ordinal).Where(a => !byExporter.ContainsKey(a)))
        {
            byExporter[gone] = [];
        }

        foreach (var (exporter, fromExporter) in byExporter)
        {
            await Grain(exporter).SetImports(importer, fromExporter);
        }
    }

    private async Task InstallServiceImportsAsync(AccountConfig importer)
    {
        var routes = new List<ServiceImportRoute>();
        foreach (var import in importer.Imports.Where(i => i.Kind == ExportKind.Service))
        {
            var terms = await Grain(import.Account).AuthorizeImport(importer.Name, ExportKind.Service, import.Subject, import.Token);
            if (terms is null)
            {
                LogImportRefused(logger, import.Subject, import.Account, importer.Name);
                continue;
            }

            var local = import.To ?? import.Subject;
            var exporter = routing.Bind(import.Account);
            routes.Add(new ServiceImportRoute(SubjectText.ToBytes(local), exporter, SubjectTransform.Create(local, import.Subject, null), terms.ResponseType, terms.ResponseThreshold));

            // Responses to requests made here come back through this interest.
            if (exporter.AddInternalInterest(replies.Prefix + ">") is { } announced)
            {
                await announced;
            }
        }

        routing.Bind(importer.Name).SetServiceImports([.. routes]);
    }

    private IAccountGrain Grain(string account) => grains.GetGrain<IAccountGrain>(account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service import of {Subject} from {Exporter} into {Importer} is not authorized by the exporter; it is not installed")]
    private static partial void LogImportRefused(ILogger logger, string subject, string exporter, string importer);
}
