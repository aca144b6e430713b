using System.Collections.Concurrent;
using System.Text;
using NATS.Client.Core;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Tests.Integration.Callout;

/// What the test service answers for one request: a response JWT (already encoded), or null to
/// stay silent.
public delegate string? CalloutDecision(AuthorizationRequestClaims request);

/// An auth callout service as a user would write one with NATS.Net: subscribes to
/// `$SYS.REQ.USER.AUTH`, opens sealed requests with its xkey (checking the Nats-Server-Xkey header
/// against the claims), verifies the server's signature, and answers what the decision says,
/// sealed back when the request was. Every decoded request is kept for assertions.
public sealed class CalloutResponder : IAsyncDisposable
{
    private readonly NatsConnection _connection;
    private readonly CurveKeyPair? _xkey;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private CalloutResponder(NatsConnection connection, CurveKeyPair? xkey, CalloutDecision decide, INatsSub<byte[]> sub)
    {
        _connection = connection;
        _xkey = xkey;
        _loop = ServeAsync(sub, decide);
    }

    public ConcurrentQueue<AuthorizationRequestClaims> Requests { get; } = new();

    public ConcurrentQueue<string> Problems { get; } = new();

    public static async Task<CalloutResponder> StartAsync(NatsConnection connection, CalloutDecision decide, CurveKeyPair? xkey = null)
    {
        var sub = await connection.SubscribeCoreAsync<byte[]>("$SYS.REQ.USER.AUTH");
        await connection.PingAsync();
        return new CalloutResponder(connection, xkey, decide, sub);
    }

    private async Task ServeAsync(INatsSub<byte[]> sub, CalloutDecision decide)
    {
        await foreach (var msg in sub.Msgs.ReadAllAsync(_stop.Token))
        {
            var payload = msg.Data ?? [];
            var serverXKey = msg.Headers?.TryGetValue("Nats-Server-Xkey", out var values) == true ? values.ToString() : null;
            if (_xkey is not null)
            {
                if (serverXKey is null || _xkey.Open(payload, serverXKey) is not { } opened)
                {
                    Problems.Enqueue("a request did not open with the service xkey");
                    continue;
                }

                payload = opened;
            }

            var decoded = JwtDecoder.Decode<AuthorizationRequestClaims>(Encoding.ASCII.GetString(payload));
            if (!decoded.IsValid)
            {
                Problems.Enqueue("a request was not a valid authorization request: " + decoded.Message);
                continue;
            }

            var request = decoded.Claims;
            if (request.Issuer != request.Nats.Server.Id || (_xkey is not null && request.Nats.Server.XKey != serverXKey))
            {
                Problems.Enqueue("a request's signer or xkey did not match its server_id");
            }

            Requests.Enqueue(request);
            if (decide(request) is not { } answer)
            {
                continue;
            }

            var body = Encoding.ASCII.GetBytes(answer);
            if (_xkey is not null && serverXKey is not null)
            {
                body = _xkey.Seal(body, serverXKey)!;
            }

            await msg.ReplyAsync(body);
        }
    }

    /// An authorization response for the request, signed by signer.
    public static string Response(AuthorizationRequestClaims request, NKeyPair signer, string? userJwt, string? error = null, string? audience = null, string? subject = null) =>
        JwtEncoder.Encode(
            new AuthorizationResponseClaims
            {
                Subject = subject ?? request.Nats.UserNkey,
                Audience = audience ?? request.Nats.Server.Id,
                Nats = new AuthorizationResponseNats { Jwt = userJwt, Error = error },
            },
            signer);

    /// A user JWT for the request's user key, placed (config mode) in account.
    public static string User(AuthorizationRequestClaims request, NKeyPair issuer, string account, UserNats? nats = null, long expires = 0, string? subject = null, string? name = null) =>
        JwtEncoder.Encode(
            new UserClaims { Subject = subject ?? request.Nats.UserNkey, Audience = account, Expires = expires, Name = name, Nats = nats ?? UserNats.Unlimited },
            issuer);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
