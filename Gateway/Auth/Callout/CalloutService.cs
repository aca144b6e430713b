using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Delivery;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Protocol;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Auth.Callout;

/// One gateway's side of auth callout (spec/auth_callout.md §3–§6): publishes the signed (and,
/// with an xkey, sealed) request on `$SYS.REQ.USER.AUTH` in the callout account through the
/// normal routing, so the service may sit on any gateway, and awaits the answer on this gateway's
/// inbox without holding a thread. The server's curve key is made at start; only public keys
/// and the request's fresh user key (public half only) ever leave.
internal sealed class CalloutService(GatewayNode node)
{
    public const string Subject = "$SYS.REQ.USER.AUTH";
    public const string XKeyHeader = "Nats-Server-Xkey";

    private static readonly byte[] SubjectBytes = Encoding.ASCII.GetBytes(Subject);
    private readonly ConcurrentDictionary<string, Lazy<Task<AccountRouting>>> _accounts = new(StringComparer.Ordinal);

    public CalloutInbox Inbox { get; } = new(node.ServerId);

    /// This server's xkey pair (nats-server makes one per start).
    public CurveKeyPair CurveKey { get; } = CurveKeyPair.Create();

    /// The callout account's routing with this gateway's inbox announced there; made once per
    /// account, and concurrent first callers share the same wait.
    public Task<AccountRouting> AttachAsync(string account) =>
        _accounts.GetOrAdd(account, name => new Lazy<Task<AccountRouting>>(() => AttachNowAsync(name))).Value;

    private async Task<AccountRouting> AttachNowAsync(string name)
    {
        var routing = await node.RoutingOf(name);
        routing.CalloutInbox = Inbox;
        if (routing.AddInternalInterest(Inbox.Wildcard) is { } announced)
        {
            await announced;
        }

        return routing;
    }

    /// Config mode: the auth_callout block decides where the request goes and who may sign.
    public CalloutTarget ConfigTarget(AuthCalloutConfig callout) => new(
        callout.Account,
        callout.Issuer,
        callout.XKey,
        (read, _, _) => Task.FromResult(CalloutResponseChecker.PlaceInConfigMode(read, callout, AccountExists)));

    /// Asks the service about one client; the verdict names the account the user goes to.
    public async Task<CalloutVerdict> CallAsync(CalloutClient client, CalloutTarget target, CancellationToken closing)
    {
        var routing = await AttachAsync(target.Account);
        if (!routing.HasInterest(SubjectBytes))
        {
            return CalloutVerdict.Fail(CalloutFailureReason.NoService);
        }

        var expect = new CalloutExpectation(
            NKeyEncoding.EncodePublicKey(NKeyPrefix.User, RandomNumberGenerator.GetBytes(NKeyEncoding.KeyLength)),
            node.ServerId,
            target.XKey is null ? null : CurveKey,
            target.XKey);
        var request = Encoding.ASCII.GetBytes(CalloutRequestBuilder.Build(
            client, target.RequestSubject, expect.UserNkey, ServerIdentity(target.XKey is not null), node.AuthTimeout, node.ServerKey, DateTimeOffset.UtcNow));
        var headers = Array.Empty<byte>();
        if (target.XKey is { } serviceKey)
        {
            if (CurveKey.Seal(request, serviceKey) is not { } sealedRequest)
            {
                return CalloutVerdict.Fail(CalloutFailureReason.EncryptFailed);
            }

            request = sealedRequest;
            headers = Encoding.ASCII.GetBytes($"NATS/1.0\r\n{XKeyHeader}: {CurveKey.PublicKey}\r\n\r\n");
        }

        var (reply, answer) = Inbox.Open();
        try
        {
            MessageRouter.PublishInternal(routing, SubjectBytes, Encoding.ASCII.GetBytes(reply), headers, request);
            byte[] payload;
            try
            {
                payload = await answer.WaitAsync(node.AuthTimeout, closing);
            }
            catch (TimeoutException)
            {
                return CalloutVerdict.Fail(CalloutFailureReason.Timeout);
            }

            var read = CalloutResponseChecker.Read(payload, expect, DateTimeOffset.UtcNow, out var response, out var sealedAnswer);
            return await target.Place(read, response, sealedAnswer);
        }
        finally
        {
            Inbox.Forget(reply);
        }
    }

    /// Config mode: $G or a configured account.
    public bool AccountExists(string name) =>
        name == AccountNames.Global || node.Options.Accounts.Any(a => a.Name == name);

    private CalloutServerId ServerIdentity(bool encrypting) => new()
    {
        Name = node.Options.ServerName ?? node.ServerId,
        Host = node.Options.Host,
        Id = node.ServerId,
        Version = ServerInfo.CompatibleVersion,
        Cluster = node.Options.ClusterName,
        XKey = encrypting ? CurveKey.PublicKey : null,
    };

    /// Milliseconds since start, for the events that report a callout's duration.
    public static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
