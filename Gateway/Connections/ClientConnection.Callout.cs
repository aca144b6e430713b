using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Callout;
using Natrium.Gateway.Auth.Jwt;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Connections;

/// Auth callout for this client (spec/auth_callout.md §2–§5): after the local check, a client the
/// policy sends out waits, parked, for the service's answer: the read loop awaits a deferred step,
/// so no operation after CONNECT is parsed and no thread is held, and a hang-up frees it at once.
/// No answer within the auth timeout, or any failed check, ends in Authorization Violation; the
/// log gets the reason and the events get the callout's duration and outcome.
internal sealed partial class ClientConnection
{
    private CalloutClientTls? _calloutTls;

    /// The last callout of this connection: how long it took and how it ended (for events).
    public CalloutRecord? Callout { get; private set; }

    /// Whether this local result goes to the callout service instead (config mode).
    private bool NeedsCallout(AuthResult local, ConnectOptions? connect) =>
        _node.Options.Operators is null
        && _node.Options.Authorization.Callout is { } callout
        && CalloutPolicy.Applies(callout, local, connect);

    /// Config mode: the login goes to the service of the auth_callout block.
    private async Task CallOutAsync(Authenticator authenticator, ConnectOptions connect)
    {
        if (_node.Options.Authorization.Callout is not { } callout
            || await RunCalloutAsync(_node.Callout.ConfigTarget(callout), connect, null) is not { } result
            || IsClosed)
        {
            return;
        }

        // A reload that came meanwhile sends the login round again under the new settings.
        var keepReading = TryConclude(authenticator, result, fromConnect: true, out var concluded)
            ? concluded
            : ConcludeLogin(connect, fromConnect: true);
        await FinishDeferredLoginAsync(keepReading);
    }

    /// Operator mode: the user JWT's account delegates to its service (account JWT `authorization`).
    private CalloutTarget OperatorTarget(JwtAccount account, ExternalAuthorization external) => new(
        account.PublicKey,
        account.PublicKey,
        external.XKey,
        (read, response, sealedAnswer) => OperatorCalloutPlacement.PlaceAsync(read, response, sealedAnswer, account, _node.JwtAccounts.GetAsync, DateTimeOffset.UtcNow));

    /// One callout, the client parked meanwhile; null when the client left or the server stops.
    private async Task<AuthResult?> RunCalloutAsync(CalloutTarget target, ConnectOptions connect, string? jwtSubject)
    {
        // The callout's own wait is the auth timeout (the request's `exp` says the same).
        _authTimer?.Dispose();
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        _ = WatchForHangUpAsync(watch.Token);
        var started = Stopwatch.GetTimestamp();
        CalloutVerdict verdict;
        try
        {
            verdict = await _node.Callout.CallAsync(new CalloutClient(Id, RemoteIp, _nonce, connect, _calloutTls) { JwtSubject = jwtSubject, Type = ClientType }, target, _closing.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        finally
        {
            watch.Cancel();
        }

        var granted = Grant(verdict, target.Account);
        var result = granted.Succeeded ? granted : AuthResult.Failure(granted.FailureReason!, AuthMethod.Callout);
        Callout = new CalloutRecord(CalloutService.Elapsed(started), result.Succeeded ? "allowed" : result.FailureReason!);
        if (verdict.ServiceError is { } said)
        {
            LogServiceError(_logger, Id, RemoteIp, said);
        }

        return result;
    }

    /// The verdict as a login: the user JWT's permissions and limits as for any JWT user, plus,
    /// in the callout account, a deny on the callout subject.
    private AuthResult Grant(CalloutVerdict verdict, string calloutAccount)
    {
        if (!verdict.Succeeded)
        {
            return AuthResult.Failure(verdict.FailureReason);
        }

        var user = verdict.User;
        var now = DateTimeOffset.UtcNow;
        if (CalloutResponseChecker.Refusal(user, now, TimeZoneInfo.Local, ConnectionType, out var windowEnd) is { } refusal)
        {
            return AuthResult.Failure(refusal);
        }

        // Operator mode: the account's defaults, limits and a scoped key's template, as for any
        // JWT user; config mode: the user JWT alone.
        var account = verdict.TargetAccount;
        JwtUserTerms? terms = null;
        if (account is not null && !JwtUserTerms.TryResolve(user, account, verdict.Scope, out terms))
        {
            return AuthResult.Failure(CalloutFailureReason.UserTemplateInvalid);
        }

        var permissions = terms is null ? JwtPermissionsMapper.ToConfig(user.Nats) : terms.Permissions;
        if (verdict.Account == calloutAccount)
        {
            permissions = DenyCalloutSubject(permissions);
        }

        DateTimeOffset? expires = user.Expires == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(user.Expires);
        if (windowEnd is { } end && (expires is null || end < expires))
        {
            expires = end;
        }

        var types = JwtUserValidator.KnownConnectionTypes((terms?.Effective ?? user.Nats).AllowedConnectionTypes);
        var grant = new JwtUserGrant(
            user.Subject, user.Name, verdict.Account, user.Issuer, user.IssuedAt, permissions,
            terms is null ? JwtLimit.ToInt32(user.Nats.Subs) : terms.MaxSubscriptions,
            terms is null ? JwtLimit.ToInt32(user.Nats.Payload) : terms.MaxPayload,
            terms is null ? JwtLimit.ToInt64(user.Nats.Data) : terms.MaxData,
            expires, Bearer: true, user.Nats.Tags, types)
        {
            Claims = user,
            Scope = verdict.Scope,
        };
        var bound = new UserConfig(user.Name, null, user.Subject, verdict.Account, permissions, types);
        return account is null ? AuthResult.Callout(bound, grant) : AuthResult.Jwt(bound, grant, account, AuthMethod.Callout);
    }

    /// After a reload (config mode): the callout still exists, with the issuer that signed this
    /// user, and the account the user was placed in is still configured.
    private bool StillIssuedByCallout(JwtUserGrant grant) =>
        _node.Options.Authorization.Callout is { } callout
        && callout.Issuer == grant.IssuerKey
        && _node.Callout.AccountExists(grant.AccountKey);

    /// nats-server denies publishing on the callout subject; Natrium also denies subscribing,
    /// so an issued user cannot read other clients' requests (which hold their passwords).
    private static PermissionsConfig DenyCalloutSubject(PermissionsConfig? permissions)
    {
        var publish = permissions?.Publish;
        var subscribe = permissions?.Subscribe;
        return new PermissionsConfig(
            new SubjectPermission(publish?.Allow, [.. publish?.Deny ?? [], CalloutService.Subject]),
            new SubjectPermission(subscribe?.Allow, [.. subscribe?.Deny ?? [], CalloutService.Subject]),
            permissions?.Responses);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId} from {Ip}: the auth callout service refused it: {ServiceError}")]
    private static partial void LogServiceError(ILogger logger, ulong clientId, string ip, string serviceError);
}
