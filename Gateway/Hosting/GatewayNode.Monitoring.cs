using Natrium.Contracts.Subjects;
using Natrium.Gateway.Monitoring;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Hosting;

/// What the monitoring endpoints read of this gateway: its connections, the ring of closed
/// ones, and the accounts it knows. Every call copies; nothing here is on the message path.
public sealed partial class GatewayNode
{
    /// Listening for clients: bound, started, not in lame duck mode and not stopping (/healthz).
    internal bool IsAcceptingClients => _acceptLoop is not null && !_lameDuck && !_stopping.IsCancellationRequested;

    /// Every client connection still registered here, as /connz shows it.
    internal IReadOnlyList<ConnectionSnapshot> OpenConnections() =>
        [.. _clients.Values.Select(c => c.Snapshot())];

    /// The last MaxClosedClients closed connections, oldest first.
    internal IReadOnlyList<ConnectionSnapshot> ClosedConnections() =>
        [.. _closed.ToArray().Select(c => c.Connection).OfType<ConnectionSnapshot>()];

    /// The sublist statistics of one account here, or of all of them merged (account empty);
    /// zeros for an account this gateway does not serve.
    internal SublistStats SublistStats(string account)
    {
        var total = default(SublistStats);
        foreach (var routing in _routing?.All ?? [])
        {
            if (account.Length == 0 || routing.Name == account)
            {
                total += routing.Stats();
            }
        }

        return total;
    }

    /// Every account this gateway knows: the global and system accounts, the configured ones
    /// and any a client or an import attached since.
    internal IReadOnlyList<string> KnownAccounts()
    {
        var names = new List<string> { AccountNames.Global };
        foreach (var name in Options.Accounts.Select(a => a.Name).Concat(_routing?.All.Select(a => a.Name) ?? []).Append(Options.SystemAccount))
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// Every account gets its JetStream view and, unless it is the system account, the system
    /// account's implicit service imports.
    private void OnAccountCreated(AccountRouting account)
    {
        AttachJetStream(account);
        if (account.Name != Options.SystemAccount)
        {
            account.SystemImports = SystemImports.For(account.Name, _routing!.Bind(Options.SystemAccount));
        }
    }
}
