using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Security;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Connections;

/// Account limits on a connection (spec/authorization.md §8): the account's connection count
/// is kept by its AccountGrain, so the limit holds across every gateway; max_payload and
/// max_subscriptions take the smaller of the server's and the account's.
internal sealed partial class ClientConnection
{
    private string? _admittedTo;

    /// Subscriptions this connection may hold; null means unlimited. A JWT user's limit is the
    /// smaller of its own and its account's (0 is zero there, not unlimited) and the server's.
    private int? SubscriptionLimit => _jwtGrant is { } grant
        ? Limit(_node.Options.MaxSubscriptions, grant.MaxSubscriptions)
        : Smallest(_node.Options.MaxSubscriptions, AccountLimits.MaxSubscriptions) is var max and > 0 ? max : null;

    /// The account's limits: from its JWT in operator mode, configured otherwise.
    private AccountLimits AccountLimits => _jwtAccount?.Limits ?? _node.Options.AccountLimits.GetValueOrDefault(_account.Name, AccountLimits.None);

    /// Applies the account's per-connection limits and, when it limits connections, asks the
    /// account grain for a place before the next operation runs, as a deferred step of the
    /// read loop: after CONNECT the +OK follows admission; a no_auth_user logging in with
    /// another operation has that operation parsed again once admitted, so it is not lost.
    /// Never waited for in place: the read loop may be running on a socket engine's thread.
    private bool ApplyAccountLimits(bool fromConnect)
    {
        var limits = AccountLimits;
        _parser.MaxPayload = _jwtGrant is { } grant
            ? Limit(_node.Options.MaxPayload, grant.MaxPayload, _node.Options.MaxPayload)
            : Smallest(_node.Options.MaxPayload, limits.MaxPayload);
        EnforceJwtSubscriptionLimit();
        if (_admittedTo == _account.Name)
        {
            return true;
        }

        if (limits.MaxConnections is null)
        {
            // Operator mode counts every connection, limited or not (without waiting): an
            // account update may lower the limit, and the grain then picks which ones go.
            if (_jwtGrant is not null)
            {
                _admittedTo = _account.Name;
                _ = _node.Grains.GetGrain<IAccountGrain>(_account.Name).Register(_node.ServerId, Id);
            }

            return true;
        }

        _deferred = () => AdmitAsync(ack: fromConnect);
        return false;
    }

    /// The account whose grain counts this client (null while it is not counted).
    internal string? AdmittedTo => _admittedTo;

    private async Task<bool> AdmitAsync(bool ack)
    {
        var account = _account.Name;
        var grain = _node.Grains.GetGrain<IAccountGrain>(account);
        if (!await grain.TryConnect(_node.ServerId, Id, AccountLimits.MaxConnections))
        {
            return Close(ClosedReason.MaxAccountConnectionsExceeded, ProtocolErrors.MaxAccountConnections);
        }

        _admittedTo = account;
        if (IsClosed)
        {
            LeaveAccount();
            return false;
        }

        return !ack || AckIfVerbose();
    }

    /// Gives the place back (fire and forget: a stopping gateway also releases all at once).
    private void LeaveAccount()
    {
        if (Interlocked.Exchange(ref _admittedTo, null) is { } account)
        {
            _ = _node.Grains.GetGrain<IAccountGrain>(account).Disconnect(_node.ServerId, Id);
        }
    }

    /// After a PONG: from now on an async INFO may follow. As nats-server 2.9.10, the first PONG
    /// to a protocol ≥ 1 client is followed by a fresh INFO when its max_payload differs from
    /// the server's (spec/protocol.md §3) or the cluster's client URLs changed since its INFO
    /// (an async INFO sent meanwhile skipped it; spec/monitoring_cluster.md §10).
    private void OnPongSent()
    {
        _firstPongSent = true;
        // Pairs with ApplyConnectUrls: it bumps the version, then reads the flag.
        Interlocked.MemoryBarrier();
        if (_infoChecked || _connect.Protocol < 1)
        {
            return;
        }

        _infoChecked = true;
        if (_parser.MaxPayload != _node.Options.MaxPayload || _node.ConnectUrlsVersion != _connectUrlsVersionAtInfo)
        {
            Send(Info.With(_parser.MaxPayload).Render(Id, RemoteIp, _nonce));
        }
    }

    private bool _infoChecked;

    // The cluster's client URL version when this client's INFO was rendered.
    private long _connectUrlsVersionAtInfo;

    // Set with the first PONG: from then on an async INFO may follow (spec/monitoring_cluster.md §10).
    private volatile bool _firstPongSent;

    /// The cluster's client URLs changed, or this gateway entered lame duck mode: clients with
    /// protocol ≥ 1 that already had their first PONG get the new INFO (older ones never take an
    /// async INFO).
    public void SendAsyncInfo(ServerInfo info)
    {
        if (_firstPongSent && _connect.Protocol >= 1 && !IsClosed)
        {
            Send(ForThisListener(info).With(_parser.MaxPayload).Render(Id, RemoteIp, _nonce));
        }
    }

    private static int Smallest(int server, int? account) =>
        account is not int a || a <= 0 ? server : server <= 0 ? a : Math.Min(server, a);

    /// A JWT limit (null: unlimited, 0: zero) under the server's (0: unlimited), as nats-server's
    /// minLimit combines them.
    private static int? Limit(int server, int? jwt) =>
        jwt is not int j ? (server > 0 ? server : null) : server > 0 ? Math.Min(server, j) : j;

    private static int Limit(int server, int? jwt, int whenUnlimited) => Limit(server, jwt) ?? whenUnlimited;
}
