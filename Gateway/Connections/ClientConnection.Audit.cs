using System.Diagnostics;
using Natrium.Gateway.Audit;
using Natrium.Gateway.Auth;

namespace Natrium.Gateway.Connections;

/// The authentication audit trail for this client (issue 15): each login decision becomes one
/// record, published on `$SYS.SERVER.<id>.AUTH.AUDIT` when someone listens and written to the
/// audit log when one is configured. The client's answer (+OK, -ERR, or the next operation's
/// reply) waits for the record's flush: the read loop awaits it as a deferred step, so the
/// wait holds no thread and no later operation runs before it.
internal sealed partial class ClientConnection
{
    // When the login being decided began (CONNECT read, or the first op without one).
    private long _authStarted;

    private void StartAuthClock()
    {
        _authStarted = Stopwatch.GetTimestamp();
    }

    /// Records the decision; the task completes once it is flushed (at once without a file).
    private Task Audit(AuthResult result)
    {
        if (!AuthRequired)
        {
            return Task.CompletedTask; // nothing was decided: anyone may connect
        }

        var record = AuditRecord(result);
        _node.Events?.AuthAudited(record);
        return _node.AuditLog?.WriteAsync(record) ?? Task.CompletedTask;
    }

    private AuthAuditRecord AuditRecord(AuthResult result)
    {
        var user = result.User;
        var grant = result.JwtGrant;
        return new AuthAuditRecord(
            DateTimeOffset.UtcNow,
            result.Succeeded && user is not null,
            AuditMethod(result),
            Id,
            RemoteIp,
            RemotePort,
            Stopwatch.GetElapsedTime(_authStarted).TotalMilliseconds)
        {
            ServerId = _node.ServerId,
            ServerName = _node.Options.ServerName,
            TlsSubject = _tlsIdentity?.SubjectDn,
            User = user is null ? result.KnownUser : grant is not null ? NullIfEmpty(grant.Name) : user.Name,
            UserNkey = user is null ? result.KnownUserNkey : grant?.UserKey ?? user.Nkey,
            Account = user?.Account ?? result.KnownAccount,
            Reason = result.Succeeded ? null : result.FailureReason,
        };
    }

    /// The audit's method names (README): bcrypt stands for a user/password or token login
    /// checked against a bcrypt hash; the record's user tells which.
    private static string AuditMethod(AuthResult result) => result.Method switch
    {
        AuthMethod.UserPassword or AuthMethod.SingleUser or AuthMethod.Token when result.Bcrypt => "bcrypt",
        AuthMethod.UserPassword or AuthMethod.SingleUser => "user_password",
        AuthMethod.Token => "token",
        AuthMethod.Nkey => "nkey",
        AuthMethod.Certificate => "cert",
        AuthMethod.NoAuthUser => "no_auth_user",
        AuthMethod.Jwt => "jwt",
        AuthMethod.Callout => "callout",
        _ => "none",
    };

    /// After a successful login: what would come next (the admission step, or the +OK the
    /// caller sends when keepReading) runs only once the record is flushed (and the account
    /// attached: `audited` covers both, see AndAttached).
    private bool AfterAudit(Task audited, bool keepReading, bool fromConnect)
    {
        if (audited.IsCompleted || (!keepReading && _deferred is null))
        {
            return keepReading; // flushed already, or the login ended in a close
        }

        var next = _deferred;
        _deferred = async () =>
        {
            await audited;
            if (next is not null)
            {
                await next();
            }
            else if (fromConnect && !IsClosed)
            {
                AckIfVerbose();
            }
        };
        return false;
    }

    /// After a refused login: the -ERR and the close wait for the record's flush.
    private bool RefuseAfterAudit(Task audited)
    {
        if (audited.IsCompleted)
        {
            return Close(ClosedReason.AuthenticationViolation, Protocol.ProtocolErrors.AuthorizationViolation);
        }

        _deferred = async () =>
        {
            await audited;
            Close(ClosedReason.AuthenticationViolation, Protocol.ProtocolErrors.AuthorizationViolation);
        };
        return false;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
