using Natrium.Contracts.Accounts;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;

namespace Natrium.Grains.Accounts;

/// The authority for one account: its exports (deciding who may import) and its connections
/// counted per gateway, so the limit holds cluster-wide and a gateway
/// that goes away can return all of its connections at once. In memory: connections are live
/// state that gateways re-register after a failover.
internal sealed class AccountGrain : Grain, IAccountGrain
{
    private readonly Dictionary<string, HashSet<ulong>> _byGateway = new(StringComparer.Ordinal);
    private int _count;
    private IReadOnlyList<AccountExport> _exports = [];

    public Task<bool> TryConnect(string gatewayId, ulong clientId, int? maxConnections)
    {
        if (maxConnections is int max && _count >= max)
        {
            return Task.FromResult(false);
        }

        if (!_byGateway.TryGetValue(gatewayId, out var clients))
        {
            clients = [];
            _byGateway[gatewayId] = clients;
        }

        if (clients.Add(clientId))
        {
            _count++;
        }

        return Task.FromResult(true);
    }

    public Task Disconnect(string gatewayId, ulong clientId)
    {
        if (_byGateway.TryGetValue(gatewayId, out var clients) && clients.Remove(clientId))
        {
            _count--;
        }

        return Task.CompletedTask;
    }

    public Task ReleaseGateway(string gatewayId)
    {
        if (_byGateway.Remove(gatewayId, out var clients))
        {
            _count -= clients.Count;
        }

        return Task.CompletedTask;
    }

    public Task SetExports(AccountExportList exports)
    {
        _exports = exports.Exports;
        return Task.CompletedTask;
    }

    public Task<bool> AuthorizeImport(string importer, ExportKind kind, string subject) =>
        Task.FromResult(ExportAuthorization.IsAllowed(_exports, importer, kind, subject));
}
