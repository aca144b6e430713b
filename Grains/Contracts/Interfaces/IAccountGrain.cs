namespace Natrium.Contracts.Interfaces;

/// The authority for one account (key: account name). For now: its connection count across
/// every gateway of the cluster.
public interface IAccountGrain : IGrainWithStringKey
{
    /// Admits one more client unless the account already has maxConnections (null: no limit).
    Task<bool> TryConnect(string gatewayId, ulong clientId, int? maxConnections);

    Task Disconnect(string gatewayId, ulong clientId);

    /// A gateway that stops gives back all of its connections at once.
    Task ReleaseGateway(string gatewayId);

    /// The account's exports, as configured (the same on every silo, so setting is idempotent).
    Task SetExports(Messages.AccountExportList exports);

    /// Import authorization, decided by the exporting account (spec/accounts.md §3).
    Task<bool> AuthorizeImport(string importer, Accounts.ExportKind kind, string subject);
}
