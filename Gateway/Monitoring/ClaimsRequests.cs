using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Messages;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Monitoring;

/// The resolver API of operator mode (spec/jwt.md §8), for clients of the system account:
/// `$SYS.REQ.CLAIMS.UPDATE`, `$SYS.REQ.ACCOUNT.<acc>.CLAIMS.UPDATE` (and the legacy
/// `$SYS.ACCOUNT.<acc>.CLAIMS.UPDATE`), `…CLAIMS.LOOKUP`, `$SYS.REQ.CLAIMS.LIST` and
/// `$SYS.REQ.CLAIMS.DELETE`, with nats-server's replies. Each becomes a grain call, made off the
/// delivery thread. The account grain decides whether a pushed JWT is trusted before anything
/// is stored (nats-server's full resolver stores some forged pushes before refusing them).
/// With the MEMORY and URL resolvers only the account-scoped updates are answered, as there.
internal sealed partial class ClaimsRequests(SystemEvents events, IGrainFactory grains, TrustedOperators trust, ILogger logger)
{
    private const string AccountPrefix = "$SYS.REQ.ACCOUNT.";
    private const string LegacyPrefix = "$SYS.ACCOUNT.";
    private const string UpdateSuffix = ".CLAIMS.UPDATE";
    private const string LookupSuffix = ".CLAIMS.LOOKUP";

    private bool TracksUpdates => trust.Resolver.Kind is ResolverKind.Full or ResolverKind.Cache;

    /// Takes the request when it is one of the resolver's; false for anything else.
    public bool TryHandle(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, in ReadOnlySequence<byte> body)
    {
        if (subject.IndexOf(".CLAIMS."u8) < 0)
        {
            return false;
        }

        var text = SubjectText.FromBytes(subject);
        Func<string?, byte[], Task>? handler = text switch
        {
            "$SYS.REQ.CLAIMS.UPDATE" when TracksUpdates => (r, b) => UpdateAsync(null, r, b),
            "$SYS.REQ.CLAIMS.LIST" when TracksUpdates => (r, _) => ListAsync(r),
            "$SYS.REQ.CLAIMS.DELETE" when TracksUpdates => DeleteAsync,
            _ when AccountIn(text, AccountPrefix, UpdateSuffix) is { } account => (r, b) => UpdateAsync(account, r, b),
            _ when AccountIn(text, LegacyPrefix, UpdateSuffix) is { } account => (r, b) => UpdateAsync(account, r, b),
            _ when TracksUpdates && AccountIn(text, AccountPrefix, LookupSuffix) is { } account => (r, _) => LookupAsync(account, r),
            _ => null,
        };
        if (handler is null)
        {
            return false;
        }

        var replyTo = reply.IsEmpty ? null : SubjectText.FromBytes(reply);
        var copy = body.ToArray();
        _ = Task.Run(async () =>
        {
            try
            {
                await handler(replyTo, copy);
            }
            catch (Exception e)
            {
                LogFailed(logger, text, e.Message);
            }
        });
        return true;
    }

    private async Task UpdateAsync(string? subjectAccount, string? reply, byte[] body)
    {
        var jwt = Encoding.ASCII.GetString(body);
        var decoded = JwtDecoder.Decode<AccountClaims>(jwt);
        var result = body.Length == 0 ? ClaimsUpdateResult.Failure(subjectAccount, "jwt update error", "request body is empty")
            : !decoded.IsValid ? ClaimsUpdateResult.Failure(subjectAccount ?? "n/a", UpdateError, decoded.Message)
            : subjectAccount is not null && decoded.Claims.Subject != subjectAccount ? ClaimsUpdateResult.Failure(subjectAccount, UpdateError, "subject does not match jwt content")
            : await grains.GetGrain<IAccountGrain>(decoded.Claims.Subject).UpdateJwt(jwt);
        LogUpdate(logger, result.Account ?? "n/a", result.Ok ? result.Message : result.Message + " - " + result.Error);
        Respond(reply, result);
    }

    private string UpdateError => trust.Resolver.Kind == ResolverKind.Cache ? "jwt update cache resulted in error" : "jwt update resulted in error";

    private async Task LookupAsync(string account, string? reply)
    {
        // nats-server 2.9.10 does not answer a lookup of an unknown account.
        if (reply is not null && await grains.GetGrain<IAccountGrain>(account).GetJwt() is { } jwt)
        {
            events.Publish(reply, Encoding.ASCII.GetBytes(jwt));
        }
    }

    private async Task ListAsync(string? reply)
    {
        if (reply is null)
        {
            return;
        }

        var accounts = await grains.GetGrain<IAccountResolverGrain>(IAccountResolverGrain.Key).List();
        events.Publish(reply, SystemEvents.Json(w =>
        {
            events.WriteServer(w);
            w.WriteStartArray("data"u8);
            foreach (var account in accounts)
            {
                w.WriteStringValue(account);
            }

            w.WriteEndArray();
        }));
    }

    /// A generic JWT self-signed by an operator key, listing `nats.accounts` to forget.
    private async Task DeleteAsync(string? reply, byte[] body)
    {
        var decoded = JwtDecoder.Decode<GenericClaims>(Encoding.ASCII.GetString(body));
        var requester = decoded.IsValid ? decoded.Claims.Subject : string.Empty;
        var error = !decoded.IsValid ? decoded.Message
            : !trust.Resolver.AllowDelete ? "delete must be enabled in server config"
            : decoded.Claims.Subject != decoded.Claims.Issuer ? "not self signed"
            : !trust.AccountSigners.Contains(decoded.Claims.Issuer) ? "not trusted"
            : decoded.Claims.Nats.Accounts.Any(a => !NKeyEncoding.TryDecodePublicKey(a, out var role, out _) || role != NKeyPrefix.Account) ? "malformed request"
            : trust.SystemAccount is { } system && decoded.Claims.Nats.Accounts.Contains(system) ? "not allowed to delete system account"
            : null;
        if (error is not null || !decoded.IsValid)
        {
            Respond(reply, ClaimsUpdateResult.Failure(null, $"delete accounts request by {requester} failed", error ?? string.Empty));
            return;
        }

        var failures = new List<string>();
        foreach (var account in decoded.Claims.Nats.Accounts)
        {
            var result = await grains.GetGrain<IAccountGrain>(account).DeleteJwt();
            if (!result.Ok)
            {
                failures.Add(result.Error ?? result.Message);
            }
        }

        var deleted = decoded.Claims.Nats.Accounts.Count - failures.Count;
        Respond(reply, failures.Count == 0
            ? ClaimsUpdateResult.Success(null, $"deleted {deleted} accounts")
            : ClaimsUpdateResult.Failure(null, $"deleted {deleted} accounts, failed for {failures.Count}", string.Join('\n', failures)));
    }

    /// nats-server's respondToUpdate: `{"server":{…},"data":{…}}` or `{"server":{…},"error":{…}}`.
    private void Respond(string? reply, ClaimsUpdateResult result)
    {
        if (reply is null)
        {
            return;
        }

        events.Publish(reply, SystemEvents.Json(w =>
        {
            events.WriteServer(w);
            w.WriteStartObject(result.Ok ? "data"u8 : "error"u8);
            if (result.Account is not null)
            {
                w.WriteString("account"u8, result.Account);
            }

            w.WriteNumber("code"u8, result.Ok ? 200 : 500);
            if (result.Ok)
            {
                w.WriteString("message"u8, result.Message);
            }
            else
            {
                w.WriteString("description"u8, result.Message + " - " + result.Error);
            }

            w.WriteEndObject();
        }));
    }

    /// The account key between prefix and suffix, when the subject has that shape.
    private static string? AccountIn(string subject, string prefix, string suffix) =>
        subject.StartsWith(prefix, StringComparison.Ordinal) && subject.EndsWith(suffix, StringComparison.Ordinal)
        && subject.Length > prefix.Length + suffix.Length && !subject[prefix.Length..^suffix.Length].Contains('.')
            ? subject[prefix.Length..^suffix.Length]
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Account claims update for {Account}: {Outcome}")]
    private static partial void LogUpdate(ILogger logger, string account, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resolver request on {Subject} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string subject, string reason);
}
