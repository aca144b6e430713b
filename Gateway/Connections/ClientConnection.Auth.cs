using Microsoft.Extensions.Logging;
using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Permissions;
using Natrium.Gateway.Protocol;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Connections;

/// The authentication phase (spec/auth.md §1–§2, §9–§10): the nonce in INFO, the auth timer,
/// CONNECT checked by the gateway's Authenticator, and the implicit no_auth_user login when
/// the first operation is not CONNECT. A failure tells the client only 'Authorization
/// Violation'; the log gets the reason, never a secret.
internal sealed partial class ClientConnection
{
    private string? _nonce;
    private Timer? _authTimer;
    private bool _authenticated;
    private bool _connectReceived;
    private UserConfig? _user;
    private string? _verifiedBcrypt;
    private ClientPermissions _permissions = ClientPermissions.AllowAll;

    /// The user this connection is bound to, once authenticated.
    public UserConfig? User => _user;

    /// The auth timer runs from the end of the TLS handshake (spec/tls.md §1 step 5).
    private void StartAuthTimer()
    {
        if (!_node.Options.Authorization.AuthRequired || _authenticated || IsClosed)
        {
            return;
        }

        _authTimer = new Timer(
            static state => ((ClientConnection)state!).Close(ClosedReason.AuthenticationTimeout, ProtocolErrors.AuthenticationTimeout),
            this,
            _node.AuthTimeout,
            Timeout.InfiniteTimeSpan);
    }

    /// Every operation but CONNECT starts here: with auth required, only the no_auth_user
    /// may skip CONNECT (nats-server's parser does the same).
    private bool EnsureAuthenticated()
    {
        if (_authenticated || !_node.Options.Authorization.AuthRequired)
        {
            return true;
        }

        return Conclude(_node.Authenticator.AuthenticateWithoutConnect(), fromConnect: false);
    }

    /// CONNECT (first or repeated): authentication runs again each time.
    private bool Authenticate(ConnectOptions connect)
    {
        _connectReceived = true;
        var authenticator = _node.Authenticator;
        if (authenticator.UsesBcrypt)
        {
            // A deferred step of the read loop: nothing after CONNECT runs before the answer.
            _deferred = () => AuthenticateOnBcryptWorkersAsync(authenticator, connect);
            return false;
        }

        return Conclude(authenticator.Authenticate(connect, _nonce, _tlsIdentity), fromConnect: true);
    }

    private async Task AuthenticateOnBcryptWorkersAsync(Authenticator authenticator, ConnectOptions connect)
    {
        AuthResult result;
        try
        {
            result = await _node.BcryptWorkers.RunAsync(() => authenticator.Authenticate(connect, _nonce, _tlsIdentity), _abort.Token);
        }
        catch (OperationCanceledException)
        {
            return; // closed while queued (auth timeout or the client left)
        }

        if (Conclude(result, fromConnect: true))
        {
            AckIfVerbose();
        }
        else if (_deferred is { } admission && !IsClosed)
        {
            // The account limits asked for an admission step; it must run before parsing goes on.
            _deferred = null;
            await admission();
        }
    }

    private bool Conclude(AuthResult result, bool fromConnect)
    {
        if (!result.Succeeded || result.User is null)
        {
            LogAuthFailed(_logger, Id, RemoteIp, result.FailureReason ?? "unknown");
            _node.Events?.AuthenticationFailed(this);
            return Close(ClosedReason.AuthenticationViolation, ProtocolErrors.AuthorizationViolation);
        }

        _authTimer?.Dispose();
        _user = result.User;
        _verifiedBcrypt = result.VerifiedBcrypt;
        _permissions = ClientPermissions.Compile(result.User.Permissions);
        BindAccount(result.User.Account);
        var first = !_authenticated;
        _authenticated = true;
        if (first)
        {
            _node.Events?.Connected(this);
        }

        return ApplyAccountLimits(fromConnect);
    }

    /// Moves the connection into its user's account. Subscriptions made under another account
    /// (possible only with a second CONNECT) are dropped, as nats-server does.
    private void BindAccount(string account)
    {
        if (account == _account.Name)
        {
            return;
        }

        RemoveAllSubscriptions();
        LeaveAccount();
        _account = _node.BindAccount(account);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId} from {Ip} failed authentication: {Reason}")]
    private static partial void LogAuthFailed(ILogger logger, ulong clientId, string ip, string reason);

    /// After a config reload: authenticate again with what the client sent at connect time
    /// under the new settings. A client that no longer gets in is closed; one whose
    /// permissions changed loses the subscriptions they no longer allow (spec/authorization.md §9).
    public void Reauthenticate()
    {
        if (!_authenticated || IsClosed)
        {
            return;
        }

        // A bcrypt hash that is unchanged needs no new ~100 ms check for the same CONNECT.
        var result = _connectReceived
            ? _node.Authenticator.Authenticate(_connect, _nonce, _tlsIdentity, _verifiedBcrypt)
            : _node.Authenticator.AuthenticateWithoutConnect();
        // A user moved to another account is treated like a removed one: it reconnects.
        if (!result.Succeeded || result.User is null || result.User.Account != _account.Name)
        {
            LogAuthFailed(_logger, Id, RemoteIp, "no longer authorized after reload");
            Close(ClosedReason.AuthenticationViolation, ProtocolErrors.AuthorizationViolation);
            return;
        }

        _user = result.User;
        _verifiedBcrypt = result.VerifiedBcrypt;
        _permissions = ClientPermissions.Compile(result.User.Permissions);
        Subscription[] subs;
        lock (_subscriptions)
        {
            subs = [.. _subscriptions.Values];
        }

        foreach (var sub in subs)
        {
            if (!_permissions.CanSubscribe(sub.Subject, sub.Queue))
            {
                Unsubscribe(sub);
                SendRevokedSubscription(sub);
            }
        }
    }

    /// -ERR 'Permissions Violation for Subscription to "<subject>" (sid "<sid>")'.
    private void SendRevokedSubscription(Subscription sub)
    {
        var line = new List<byte>();
        line.AddRange(ProtocolErrors.SubscribeViolationPrefix);
        line.AddRange(QuotedSubject.Format(sub.Subject));
        line.AddRange(" (sid "u8.ToArray());
        line.AddRange(QuotedSubject.Format(sub.Sid));
        line.AddRange(")"u8.ToArray());
        line.AddRange(ProtocolErrors.Terminator);
        Send(line.ToArray());
    }
}
