using System.Net;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Callout;
using Natrium.Gateway.Auth.Jwt;
using Natrium.Gateway.Permissions;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Connections;

/// Operator mode (spec/jwt.md §7, §9): CONNECT carries a user JWT (or the account's auth callout
/// replaces it, ClientConnection.Callout), checked against its account's
/// JWT (fetched from the account grain on first use, so the login is a deferred step of the read
/// loop), the nonce signature and the user's restrictions. Afterwards the connection ends when
/// the user JWT or its time window expires, and every account update re-checks it.
internal sealed partial class ClientConnection
{
    private JwtUserGrant? _jwtGrant;
    private JwtAccount? _jwtAccount;
    private Timer? _expiryTimer;

    /// The user JWT's grant, once logged in that way.
    public JwtUserGrant? JwtGrant => _jwtGrant;

    private async Task AuthenticateJwtAsync(ConnectOptions connect)
    {
        while (true)
        {
            // A reload between the check and its conclusion sends the login round again.
            var generation = Authenticator;
            var result = await CheckJwtAsync(connect);
            if (IsClosed)
            {
                return;
            }

            if (!TryConclude(generation, result, fromConnect: true, out var keepReading))
            {
                continue;
            }

            await FinishDeferredLoginAsync(keepReading);
            return;
        }
    }

    private async Task<AuthResult> CheckJwtAsync(ConnectOptions connect)
    {
        if (_node.Options.Operators is not { } trust)
        {
            return AuthResult.JwtFailure(AuthFailureReason.NoCredentialsMatched);
        }

        var now = DateTimeOffset.UtcNow;
        var token = string.IsNullOrEmpty(connect.Jwt) ? trust.DefaultSentinel : connect.Jwt;
        var decoded = JwtUserDecoder.Decode(token, now);
        if (!decoded.Succeeded)
        {
            return AuthResult.JwtFailure(decoded.FailureReason);
        }

        if (trust.PinnedAccounts.Count > 0 && !trust.PinnedAccounts.Contains(decoded.AccountKey))
        {
            return AuthResult.JwtFailure(AuthFailureReason.AccountNotPinned, decoded.User.Subject, decoded.AccountKey);
        }

        if (await _node.JwtAccounts.GetAsync(decoded.AccountKey) is not { } account)
        {
            return AuthResult.JwtFailure(AuthFailureReason.AccountNotFound, decoded.User.Subject, decoded.AccountKey);
        }

        // Auth callout (spec/auth_callout.md §2): the account delegates every user but its
        // auth users to its service, whatever the local checks of the (sentinel) JWT would say.
        if (account.Claims.Nats.Authorization is { IsEnabled: true } external && !external.AuthUsers.Contains(decoded.User.Subject))
        {
            return await RunCalloutAsync(OperatorTarget(account, external), connect, decoded.User.Subject)
                ?? AuthResult.Failure(CalloutFailureReason.Timeout, AuthMethod.Callout);
        }

        var context = new JwtLoginContext(_nonce, connect.Signature, IPAddress.TryParse(RemoteIp, out var ip) ? ip : null, ConnectionType, now);
        var login = JwtUserValidator.Validate(decoded.User, account, context);
        if (!login.Succeeded)
        {
            return AuthResult.JwtFailure(login.FailureReason, decoded.User.Subject, decoded.AccountKey);
        }

        var grant = login.Grant;
        var user = new UserConfig(grant.Name, null, grant.UserKey, account.PublicKey, grant.Permissions, grant.AllowedConnectionTypes);
        return AuthResult.Jwt(user, grant, account);
    }

    /// Called by Conclude with the login's grant (null for other methods).
    private void AdoptJwt(JwtUserGrant? grant, JwtAccount? account)
    {
        _jwtGrant = grant;
        _jwtAccount = account;
        ScheduleExpiry();
    }

    /// The account's JWT changed (null: deleted), as its grain pushed it: nats-server's
    /// updateAccountClaims for one client. Revoked, no longer validly issued or expired users
    /// are closed with nats-server's texts; the others take the new permissions and limits.
    public void OnAccountUpdated(JwtAccount? account)
    {
        lock (_authSync)
        {
            if (_jwtGrant is not { } grant || IsClosed)
            {
                return;
            }

            if (account is null)
            {
                Close(ClosedReason.AuthenticationExpired, ProtocolErrors.AccountAuthenticationExpired);
                return;
            }

            var recheck = JwtUserRecheck.Recheck(grant, account, DateTimeOffset.UtcNow);
            if (recheck.Outcome != JwtRecheckOutcome.StillValid || recheck.Grant is not { } renewed)
            {
                CloseFor(recheck.ClientError);
                return;
            }

            _jwtGrant = renewed;
            _jwtAccount = account;
            _permissions = ClientPermissions.Compile(renewed.Permissions);
            _parser.MaxPayload = Limit(_node.Options.MaxPayload, renewed.MaxPayload, _node.Options.MaxPayload);
            ScheduleExpiry();
            RevokeDisallowedSubscriptions();
            EnforceJwtSubscriptionLimit();
        }
    }

    /// nats-server closes a JWT user whose subscriptions already reach the limit when limits
    /// are applied (at login and on account updates): a user JWT without `subs` may not
    /// subscribe at all (spec/jwt.md §6).
    private void EnforceJwtSubscriptionLimit()
    {
        if (_jwtGrant is null || SubscriptionLimit is not int max)
        {
            return;
        }

        int count;
        lock (_subscriptions)
        {
            count = _subscriptions.Count;
        }

        if (count >= max)
        {
            Send(ProtocolErrors.MaxSubscriptions);
            Close(ClosedReason.MaxSubscriptionsExceeded);
        }
    }

    /// The user JWT's `exp`, the end of its `times` window, or the account JWT's `exp`,
    /// whichever comes first, ends the connection with nats-server's text.
    private void ScheduleExpiry()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        var user = _jwtGrant?.Expires;
        var account = _jwtAccount?.Expires;
        if (user is null && account is null)
        {
            return;
        }

        var accountFirst = account is not null && (user is null || account < user);
        var at = accountFirst ? account!.Value : user!.Value;
        var due = at - DateTimeOffset.UtcNow;
        _expiryTimer = new Timer(
            static state =>
            {
                var (client, byAccount) = ((ClientConnection, bool))state!;
                client.Close(ClosedReason.AuthenticationExpired, byAccount ? ProtocolErrors.AccountAuthenticationExpired : ProtocolErrors.UserAuthenticationExpired);
            },
            (this, accountFirst),
            due < TimeSpan.Zero ? TimeSpan.Zero : due > MaxTimerDue ? MaxTimerDue : due,
            Timeout.InfiniteTimeSpan);
    }

    // Timer's longest due time; an expiry further away is re-armed by the next account update
    // or never reached by a connection (about 49 days).
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private void CloseFor(JwtClientError error)
    {
        switch (error)
        {
            case JwtClientError.UserAuthenticationRevoked:
                Close(ClosedReason.Revocation, ProtocolErrors.UserAuthenticationRevoked);
                break;
            case JwtClientError.AccountAuthenticationExpired:
                Close(ClosedReason.AuthenticationExpired, ProtocolErrors.AccountAuthenticationExpired);
                break;
            case JwtClientError.UserAuthenticationExpired:
                Close(ClosedReason.AuthenticationExpired, ProtocolErrors.UserAuthenticationExpired);
                break;
            case JwtClientError.AuthorizationViolation:
                Close(ClosedReason.AuthenticationViolation, ProtocolErrors.AuthorizationViolation);
                break;
            default:
                // The issuer is gone: closed without a message (reason Authentication Failure).
                Close(ClosedReason.AuthenticationViolation);
                break;
        }
    }
}
