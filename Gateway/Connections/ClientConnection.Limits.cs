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

    /// Per connection; 0 means unlimited.
    private int MaxSubscriptions => Smallest(_node.Options.MaxSubscriptions, AccountLimits.MaxSubscriptions);

    private AccountLimits AccountLimits => _node.Options.AccountLimits.GetValueOrDefault(_account.Name, AccountLimits.None);

    /// Applies the account's per-connection limits and, when it limits connections, asks the
    /// account grain for a place before the next operation runs. After CONNECT this is a
    /// deferred step of the read loop (the +OK follows admission). A no_auth_user logging in
    /// with another operation waits for the grain in place, so that operation is not lost;
    /// that path is rare and happens once per connection.
    private bool ApplyAccountLimits(bool fromConnect)
    {
        var limits = AccountLimits;
        _parser.MaxPayload = Smallest(_node.Options.MaxPayload, limits.MaxPayload);
        if (limits.MaxConnections is null || _admittedTo == _account.Name)
        {
            return true;
        }

        if (!fromConnect)
        {
            return AdmitAsync(ack: false).GetAwaiter().GetResult();
        }

        _deferred = () => AdmitAsync(ack: true);
        return false;
    }

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

    /// nats-server 2.9.10 re-sends INFO after the first PONG when this client's max_payload
    /// differs from the server's (spec/protocol.md §3).
    private void SendInfoIfPayloadDiffers()
    {
        if (_infoResent || _connect.Protocol < 1 || _parser.MaxPayload == _node.Options.MaxPayload)
        {
            return;
        }

        _infoResent = true;
        Send(_node.Info.With(_parser.MaxPayload).Render(Id, RemoteIp, _nonce));
    }

    private bool _infoResent;

    private static int Smallest(int server, int? account) =>
        account is not int a || a <= 0 ? server : server <= 0 ? a : Math.Min(server, a);
}
