using Natrium.Contracts.Accounts;
using Natrium.Contracts.Messages;

namespace Natrium.Contracts.Interfaces;

/// The authority for one account (key: the account name; in operator mode its public key):
/// its connection count across every gateway, its exports and who imports from it, and in
/// operator mode its JWT. Gateways that serve the account subscribe and are told of changes.
public interface IAccountGrain : IGrainWithStringKey
{
    /// Admits one more client unless the account already has maxConnections (null: no limit).
    Task<bool> TryConnect(string gatewayId, ulong clientId, int? maxConnections);

    /// Counts a client of an account without a connection limit, without waiting: operator
    /// mode counts them all, so that a JWT update lowering the limit can pick who goes.
    [Orleans.Concurrency.OneWay]
    Task Register(string gatewayId, ulong clientId);

    Task Disconnect(string gatewayId, ulong clientId);

    /// A gateway that stops gives back all of its connections at once.
    Task ReleaseGateway(string gatewayId);

    /// A node was declared dead: its gateways' connections and subscriptions are released
    /// (silo: SiloAddress.ToParsableString).
    Task ForgetSilo(string silo);

    /// After a node loss (this grain may have started again elsewhere, empty): the gateway's
    /// admitted clients of this account are exactly these, and it serves the account (as
    /// Subscribe, whose grants it returns).
    Task<StreamImportGrants> Reconcile(GatewayRef gateway, ulong[] admitted);

    /// A gateway takes part in the account's interest (it has clients or internal subscriptions
    /// in it): every subject-shard grain that starts from now on pushes interest to it. Returns
    /// the shards already started, which the gateway attaches to itself; knownShards are shards
    /// the gateway knows to have started (it restates them after this grain started again
    /// empty). Atomic with ShardStarted, so a shard starting meanwhile is in one answer or the
    /// other.
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string[]> AttachInterest(GatewayRef gateway, string[] knownShards);

    /// The gateway no longer takes part in the account's interest.
    [Orleans.Concurrency.AlwaysInterleave]
    Task DetachInterest(string gatewayId);

    /// A subject-shard grain of the account started: returns the gateways taking part in the
    /// account's interest, which it pushes interest to from then on.
    [Orleans.Concurrency.AlwaysInterleave]
    Task<GatewayRef[]> ShardStarted(string shard);

    /// Config mode: the account's exports, as configured (the same on every silo, so setting is
    /// idempotent). Stream imports already granted are decided again.
    Task SetExports(AccountExportList exports);

    /// Import authorization, decided by the exporting account (spec/accounts.md §3); token is a
    /// JWT import's activation token. Null when refused, else the terms of the allowing export.
    Task<ImportTerms?> AuthorizeImport(string importer, ExportKind kind, string subject, string? token);

    /// An importing account declares what it imports from this one (replacing what it declared
    /// before; empty withdraws). Stream imports this account allows become grants.
    Task SetImports(string importer, AccountImport[] imports);

    /// A gateway that serves this account: returns the current stream import grants and pushes
    /// later changes to it (IGatewayObserver.OnStreamImports, OnAccountClaims).
    Task<StreamImportGrants> Subscribe(GatewayRef gateway);

    Task Unsubscribe(string gatewayId);

    /// Operator mode: the account's JWT as the resolver holds it, loaded on first use from
    /// storage, the preload or the URL resolver; null when the account is unknown.
    Task<string?> GetJwt();

    /// Operator mode: a pushed account JWT (`$SYS.REQ.…CLAIMS.UPDATE`). Checked against the
    /// trusted operators, the account key and the stored JWT's age before anything is stored;
    /// applied to every subscribed gateway before it answers.
    Task<ClaimsUpdateResult> UpdateJwt(string jwt);

    /// Operator mode, `$SYS.REQ.CLAIMS.DELETE` (checked by the caller): forget the account.
    Task<ClaimsUpdateResult> DeleteJwt();
}
