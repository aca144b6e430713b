using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Callout;
using Natrium.Gateway.Permissions;
using Natrium.Gateway.Protocol;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Connections;

/// The authentication phase (spec/auth.md §1–§2, §9–§10): the nonce in INFO, the auth timer,
/// CONNECT checked by the gateway's Authenticator (then, if configured, the auth callout), and
/// the implicit no_auth_user login when the first operation is not CONNECT. A failure tells the client only 'Authorization
/// Violation'; the log gets the reason, never a secret.
internal sealed partial class ClientConnection
{
    private string? _nonce;
    private Timer? _authTimer;
    private readonly object _authSync = new();
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
        if (!AuthRequired || _authenticated || IsClosed)
        {
            return;
        }

        _authTimer = new Timer(
            static state => ((ClientConnection)state!).Close(ClosedReason.AuthenticationTimeout, ProtocolErrors.AuthenticationTimeout),
            this,
            AuthTimeout,
            Timeout.InfiniteTimeSpan);
    }

    /// The parser met an operation other than CONNECT while a CONNECT is still required
    /// (nats-server's parser decides at the op's first byte, before any payload is read):
    /// only the no_auth_user may log in that way; anyone else gets Authorization Violation
    /// and is closed, so nothing is buffered for a client that has not authenticated.
    public bool OnOpBeforeConnect()
    {
        StartAuthClock();
        return ConcludeLogin(null, fromConnect: false);
    }

    /// CONNECT (first or repeated): authentication runs again each time.
    private bool Authenticate(ConnectOptions connect)
    {
        _connectReceived = true;
        StartAuthClock();
        if (_node.Options.Operators is not null)
        {
            // The account JWT may have to be fetched from its grain first.
            _deferred = () => AuthenticateJwtAsync(connect);
            return false;
        }

        if (Authenticator.UsesBcrypt)
        {
            // A deferred step of the read loop: nothing after CONNECT runs before the answer.
            _deferred = () => AuthenticateOnBcryptWorkersAsync(connect);
            return false;
        }

        return ConcludeLogin(connect, fromConnect: true);
    }

    /// A login without bcrypt, on the read loop. A reload that replaces the configuration
    /// between the check and its conclusion makes it check again under the new one.
    private bool ConcludeLogin(ConnectOptions? connect, bool fromConnect)
    {
        while (true)
        {
            var authenticator = Authenticator;
            if (connect is not null && authenticator.UsesBcrypt)
            {
                // The reload brought bcrypt secrets: those are checked off the read loop.
                _deferred = () => AuthenticateOnBcryptWorkersAsync(connect);
                return false;
            }

            // Operator mode has no no_auth_user: every client brings a user JWT in CONNECT.
            var result = _node.Options.Operators is not null ? AuthResult.Failure(AuthFailureReason.NoConnect)
                : connect is null ? authenticator.AuthenticateWithoutConnect()
                : authenticator.Authenticate(connect, _nonce, _tlsIdentity);
            if (NeedsCallout(result, connect))
            {
                if (connect is not null)
                {
                    _deferred = () => CallOutAsync(authenticator, connect);
                    return false;
                }

                result = AuthResult.Failure(CalloutFailureReason.NeedsConnect, AuthMethod.Callout);
            }

            if (TryConclude(authenticator, result, fromConnect, out var keepReading))
            {
                return keepReading;
            }
        }
    }

    private async Task AuthenticateOnBcryptWorkersAsync(ConnectOptions connect)
    {
        // While the check waits in the queue the read loop is parked: watch the socket, so a
        // client that hangs up frees its place at once (issue #10's flood).
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        _ = WatchForHangUpAsync(watch.Token);
        try
        {
            string? verified = null;
            while (true)
            {
                var authenticator = Authenticator;
                AuthResult result;
                try
                {
                    result = await _node.BcryptWorkers.RunAsync(() => authenticator.Authenticate(connect, _nonce, _tlsIdentity, verified), _closing.Token);
                }
                catch (OperationCanceledException)
                {
                    return; // closed while queued (auth timeout, the client left, shutdown)
                }

                if (NeedsCallout(result, connect))
                {
                    await CallOutAsync(authenticator, connect);
                    return;
                }

                if (!TryConclude(authenticator, result, fromConnect: true, out var keepReading))
                {
                    // A reload came between: check again, without bcrypt if the hash stayed.
                    verified = result.VerifiedBcrypt;
                    continue;
                }

                await FinishDeferredLoginAsync(keepReading);
                return;
            }
        }
        finally
        {
            watch.Cancel();
        }
    }

    /// After a login concluded off the parser (bcrypt, JWT): +OK if verbose, or the admission
    /// step the account limits asked for, which must run before parsing goes on.
    private async Task FinishDeferredLoginAsync(bool keepReading)
    {
        if (keepReading)
        {
            AckIfVerbose();
        }
        else if (_deferred is { } admission && !IsClosed)
        {
            _deferred = null;
            await admission();
        }
    }

    /// Closes the client when the peer hangs up (a zero-byte peek; Kestrel's notice for a
    /// WebSocket); completes then or when watching is cancelled.
    private async Task WatchForHangUpAsync(CancellationToken cancel)
    {
        if (_websocket is { } websocket)
        {
            // Nobody reads the WebSocket meanwhile, but Kestrel's transport still does and
            // reports the connection's end.
            using var closeOnHangUp = websocket.HungUp.UnsafeRegister(static state => ((ClientConnection)state!).Close(ClosedReason.ClientClosed), this);
            await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        var probe = new byte[1];
        try
        {
            if (await _socket!.ReceiveAsync(probe, SocketFlags.Peek, cancel) == 0)
            {
                Close(ClosedReason.ClientClosed);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Watching ended, or the socket failed: the read loop sees that itself.
        }
    }

    /// Concludes a login checked with authenticator, unless a reload replaced it meanwhile
    /// (returns false: check again). Under _authSync, which Reauthenticate also holds, so a
    /// login and a reload end in the safe state whichever comes first: a login concluded
    /// against the old settings is re-checked by the reload, and a reload that came first
    /// sends the login round again (issue #10).
    private bool TryConclude(Authenticator authenticator, AuthResult result, bool fromConnect, out bool keepReading)
    {
        lock (_authSync)
        {
            if (!ReferenceEquals(Authenticator, authenticator))
            {
                keepReading = false;
                return false;
            }

            keepReading = Conclude(result, fromConnect);
            return true;
        }
    }

    private bool Conclude(AuthResult result, bool fromConnect)
    {
        var audited = Audit(result);
        if (!result.Succeeded || result.User is null)
        {
            LogAuthenticationError(result.FailureReason ?? "unknown");
            _node.Events?.AuthenticationFailed(this);
            return RefuseAfterAudit(audited);
        }

        _authTimer?.Dispose();
        _user = result.User;
        _verifiedBcrypt = result.VerifiedBcrypt;
        _permissions = ClientPermissions.Compile(result.User.Permissions);
        BindAccount(result.User.Account);
        AdoptJwt(result.JwtGrant, result.JwtAccount);
        var first = !_authenticated;
        _authenticated = true;
        _parser.ConnectRequired = false;
        if (first)
        {
            _node.Events?.Connected(this);
        }

        return AfterAudit(AndAttached(audited), ApplyAccountLimits(fromConnect), fromConnect);
    }

    /// The login goes on once the audit record is flushed and the account is attached here
    /// (with every account its publishes reach): the first client of an account waits for its
    /// shards, so what it publishes next reaches subscribers on other nodes.
    private Task AndAttached(Task audited)
    {
        var attached = _account.EnsureAttachedAsync();
        return attached.IsCompleted ? audited : audited.IsCompleted ? attached : Task.WhenAll(audited, attached);
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

    /// After a config reload: authenticate again with what the client sent at connect time
    /// under the new settings. A client that no longer gets in is closed; one whose
    /// permissions changed loses the subscriptions they no longer allow (spec/authorization.md §9).
    public void Reauthenticate()
    {
        lock (_authSync)
        {
            ReauthenticateLocked();
        }
    }

    private void ReauthenticateLocked()
    {
        if (!_authenticated || IsClosed)
        {
            return;
        }

        // JWT users are re-checked when their account's JWT changes, not by a config reload;
        // a user the config-mode callout issued stays only while its issuer is still trusted.
        if (_jwtGrant is { } grant)
        {
            if (_node.Options.Operators is null && !StillIssuedByCallout(grant))
            {
                LogAuthenticationError("auth callout issuer or account changed by reload");
                Close(ClosedReason.AuthenticationViolation, ProtocolErrors.AuthorizationViolation);
            }

            return;
        }

        // A bcrypt hash that is unchanged needs no new ~100 ms check for the same CONNECT.
        var result = _connectReceived
            ? Authenticator.Authenticate(_connect, _nonce, _tlsIdentity, _verifiedBcrypt)
            : Authenticator.AuthenticateWithoutConnect();
        // A user moved to another account is treated like a removed one: it reconnects; so is
        // one the reloaded settings now send to the auth callout service.
        if (!result.Succeeded || result.User is null || result.User.Account != _account.Name || NeedsCallout(result, _connectReceived ? _connect : null))
        {
            LogAuthenticationError("no longer authorized after reload");
            Close(ClosedReason.AuthenticationViolation, ProtocolErrors.AuthorizationViolation);
            return;
        }

        _user = result.User;
        _verifiedBcrypt = result.VerifiedBcrypt;
        _permissions = ClientPermissions.Compile(result.User.Permissions);
        RevokeDisallowedSubscriptions();
    }

    /// After new permissions: subscriptions they no longer allow end, each with nats-server's
    /// -ERR (spec/authorization.md §9).
    private void RevokeDisallowedSubscriptions()
    {
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
