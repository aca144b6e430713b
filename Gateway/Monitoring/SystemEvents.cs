using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Audit;
using Natrium.Gateway.Connections;
using Natrium.Gateway.Delivery;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Protocol;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Monitoring;

/// Advisories and answers in the system account (spec/accounts.md §7), with nats-server's
/// subjects and JSON shapes: client connect, disconnect and authentication errors, and the
/// server PING (statsz). Only connections of the system account can subscribe to them.
internal sealed partial class SystemEvents(GatewayNode node, AccountRouting system)
{
    private readonly byte[] _ownStatsz = SubjectText.ToBytes($"$SYS.REQ.SERVER.{node.ServerId}.STATSZ");
    private long _sequence;

    public AccountRouting Account => system;

    public void Connected(ClientConnection client)
    {
        AccountConnections(client.AccountName);
        PublishIfWanted($"$SYS.ACCOUNT.{client.AccountName}.CONNECT", () => Event("io.nats.server.advisory.v1.client_connect", client, null));
    }

    public void Disconnected(ClientConnection client, string reason)
    {
        AccountConnections(client.AccountName);
        PublishIfWanted($"$SYS.ACCOUNT.{client.AccountName}.DISCONNECT", () => Event("io.nats.server.advisory.v1.client_disconnect", client, reason));
    }

    /// The account's connection count on this server changed: published on the current subject
    /// and on the legacy one, as 2.9.10 does (one event id, each with its own seq).
    private void AccountConnections(string account)
    {
        var current = SubjectText.ToBytes($"$SYS.ACCOUNT.{account}.SERVER.CONNS");
        var legacy = SubjectText.ToBytes($"$SYS.SERVER.ACCOUNT.{account}.CONNS");
        if (!IsWanted(current) && !IsWanted(legacy))
        {
            return;
        }

        var id = Base64Url(RandomNumberGenerator.GetBytes(16));
        var traffic = node.TrafficOf(account);
        PublishIfWanted(current, () => AccountConnectionsEvent(id, traffic));
        PublishIfWanted(legacy, () => AccountConnectionsEvent(id, traffic));
    }

    /// nats-server's account_connections advisory: the account's open connections here and
    /// its traffic here since start (what /accstatz reports for it).
    private byte[] AccountConnectionsEvent(string id, AccountTraffic account) => Json(w =>
    {
        w.WriteString("type"u8, "io.nats.server.advisory.v1.account_connections");
        w.WriteString("id"u8, id);
        w.WriteString("timestamp"u8, DateTimeOffset.UtcNow);
        WriteServer(w);
        w.WriteString("acc"u8, account.Account);
        w.WriteNumber("conns"u8, account.Connections);
        w.WriteNumber("leafnodes"u8, 0);
        w.WriteNumber("total_conns"u8, account.Connections);
        var traffic = account.Traffic;
        WriteCount(w, "sent"u8, traffic.OutMsgs, traffic.OutBytes);
        WriteCount(w, "received"u8, traffic.InMsgs, traffic.InBytes);
        w.WriteNumber("slow_consumers"u8, traffic.SlowConsumers);
    });

    private static void WriteCount(Utf8JsonWriter w, ReadOnlySpan<byte> name, long messages, long bytes)
    {
        w.WriteStartObject(name);
        w.WriteNumber("msgs"u8, messages);
        w.WriteNumber("bytes"u8, bytes);
        w.WriteEndObject();
    }

    /// nats-server 2.10+ publishes the same body on both subjects (spec/accounts.md §7); 2.9.10
    /// only on the first. Built once, and only when either has a subscriber.
    public void AuthenticationFailed(ClientConnection client)
    {
        byte[]? body = null;
        byte[] Body() => body ??= Event("io.nats.server.advisory.v1.client_disconnect", client, "Authentication Failure");
        PublishIfWanted($"$SYS.SERVER.{node.ServerId}.CLIENT.AUTH.ERR", Body);
        PublishIfWanted("$SYS.ACCOUNT.CLIENT.AUTH.ERR", Body);
    }

    /// Natrium's own subject (nats-server has no audit trail, and no subject under
    /// `$SYS.SERVER.<id>.AUTH`): every login decision, successes too, as its audit record.
    public void AuthAudited(AuthAuditRecord record) =>
        PublishIfWanted($"$SYS.SERVER.{node.ServerId}.AUTH.AUDIT", record.ToJson);

    /// Advisories are built only when someone in the system account (here or on another
    /// gateway) subscribes to them: most deployments never look, and connects stay cheap.
    private void PublishIfWanted(string subject, Func<byte[]> body) => PublishIfWanted(SubjectText.ToBytes(subject), body);

    private void PublishIfWanted(byte[] subject, Func<byte[]> body)
    {
        if (IsWanted(subject))
        {
            Send(subject, body());
        }
    }

    private bool IsWanted(byte[] subject)
    {
        var match = system.Match(subject);
        return match.Plain.Length > 0 || match.Queues.Length > 0 || match.RemotePlain.Length > 0;
    }

    /// Resolver requests in operator mode (`$SYS.REQ.…CLAIMS.…`); null in config mode.
    public ClaimsRequests? Claims { get; set; }

    /// `$SYS.REQ.SERVER.PING` (and `.PING.STATSZ`): this server's statsz to the reply subject.
    /// Resolver requests are answered once, by the gateway where they were published: the
    /// account grains they act on are the same for the whole cluster.
    public bool OnRequest(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message, bool local)
    {
        if (local && Claims is { } claims && claims.TryHandle(subject, reply, message.Slice(headerSize)))
        {
            return true;
        }

        if (reply.IsEmpty)
        {
            return false;
        }

        // $SYS.REQ.ACCOUNT.<acc>.<CONNZ|SUBSZ|LEAFZ|INFO|JSZ|STATZ>: the endpoint pinned to the account.
        if (subject.StartsWith("$SYS.REQ.ACCOUNT."u8) && AccountEndpointOf(subject) is var (pinned, endpoint) && endpoint is not null)
        {
            return TryAnswer(reply, headerSize, message, endpoint, pinned) && local;
        }

        // $SYS.REQ.ACCOUNT.<acc>.CONNS: the bare advisory, only from servers where the account
        // has connections; the others stay silent (still a responder, no 503), as 2.9.10.
        if (subject.StartsWith("$SYS.REQ.ACCOUNT."u8) && subject.EndsWith(".CONNS"u8) && subject.Length > 23)
        {
            var account = node.TrafficOf(SubjectText.FromBytes(subject["$SYS.REQ.ACCOUNT.".Length..^".CONNS".Length]));
            if (account.Connections > 0)
            {
                Publish(SubjectText.FromBytes(reply), AccountConnectionsEvent(Base64Url(RandomNumberGenerator.GetBytes(16)), account));
            }

            return local;
        }

        if (!(subject.SequenceEqual("$SYS.REQ.SERVER.PING"u8) || subject.SequenceEqual("$SYS.REQ.SERVER.PING.STATSZ"u8)
            || subject.SequenceEqual(_ownStatsz)))
        {
            return TryAnswerEndpoint(subject, reply, headerSize, message) && local;
        }

        _ = PublishStatszAsync(SubjectText.FromBytes(reply));
        return local;
    }

    /// `$SYS.SERVER.<id>.STATSZ` as nats-server publishes it: first 250 ms after start, then at
    /// doubling intervals up to every 30 s; built only when someone listens.
    public async Task PublishStatszAsync(CancellationToken stopping)
    {
        var subject = $"$SYS.SERVER.{node.ServerId}.STATSZ";
        var interval = TimeSpan.FromMilliseconds(250);
        while (!stopping.IsCancellationRequested)
        {
            await Task.Delay(interval, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            if (IsWanted(SubjectText.ToBytes(subject)))
            {
                await PublishStatszAsync(subject);
            }

            interval = interval * 2 > StatszMaxInterval ? StatszMaxInterval : interval * 2;
        }
    }

    private static readonly TimeSpan StatszMaxInterval = TimeSpan.FromSeconds(30);

    /// With JetStream on, its figures come from the account grains first; if they do not answer,
    /// statsz goes out without them rather than not at all.
    private async Task PublishStatszAsync(string subject)
    {
        JetStreamUsage? jetStream = null;
        try
        {
            jetStream = await JetStreamUsage.ReadAsync(node);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStatszJetStreamFailed(node.Logger, e.Message);
        }

        Publish(subject, Json(w =>
        {
            WriteServer(w);
            w.WritePropertyName("statsz"u8);
            ServerStatsz.Write(w, node, jetStream);
        }));
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "statsz: JetStream figures left out: {Reason}")]
    private static partial void LogStatszJetStreamFailed(Microsoft.Extensions.Logging.ILogger logger, string reason);

    private byte[] Event(string type, ClientConnection client, string? reason) => Json(w =>
    {
        w.WriteString("type"u8, type);
        w.WriteString("id"u8, Base64Url(RandomNumberGenerator.GetBytes(16)));
        w.WriteString("timestamp"u8, DateTimeOffset.UtcNow);
        WriteServer(w);
        w.WriteStartObject("client"u8);
        w.WriteString("start"u8, client.Started);
        w.WriteString("host"u8, client.RemoteIp);
        w.WriteNumber("id"u8, client.Id);
        w.WriteString("acc"u8, client.AccountName);
        if (client.User?.DisplayName is { Length: > 0 } user && client.JwtGrant is null)
        {
            w.WriteString("user"u8, user);
        }

        if (client.JwtGrant is { } grant)
        {
            // A JWT user as nats-server reports one: its key, the JWT's name and tags, its issuer.
            w.WriteString("user"u8, grant.UserKey);
            WriteIfSet(w, "name_tag"u8, grant.Name);
            w.WriteString("issuer_key"u8, grant.IssuerKey);
            if (grant.Tags.Count > 0)
            {
                w.WriteStartArray("tags"u8);
                foreach (var tag in grant.Tags)
                {
                    w.WriteStringValue(tag);
                }

                w.WriteEndArray();
            }
        }

        WriteIfSet(w, "name"u8, client.Name);
        WriteIfSet(w, "lang"u8, client.Lang);
        WriteIfSet(w, "ver"u8, client.Version);
        if (reason is not null)
        {
            w.WriteString("stop"u8, DateTimeOffset.UtcNow);
        }

        w.WriteString("kind"u8, "Client");
        w.WriteString("client_type"u8, client.ClientType);
        // Natrium extension: how long the auth callout took and how it ended.
        if (client.Callout is { } callout)
        {
            w.WriteStartObject("callout"u8);
            w.WriteNumber("duration_ms"u8, Math.Round(callout.DurationMs, 3));
            w.WriteString("outcome"u8, callout.Outcome);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        if (reason is not null)
        {
            w.WriteStartObject("sent"u8);
            w.WriteNumber("msgs"u8, client.OutMessages);
            w.WriteNumber("bytes"u8, client.OutBytes);
            w.WriteEndObject();
            w.WriteStartObject("received"u8);
            w.WriteNumber("msgs"u8, client.InMessages);
            w.WriteNumber("bytes"u8, client.InBytes);
            w.WriteEndObject();
            w.WriteString("reason"u8, reason);
        }
    });

    public void WriteServer(Utf8JsonWriter w)
    {
        w.WriteStartObject("server"u8);
        w.WriteString("name"u8, node.Options.ServerName ?? node.ServerId);
        w.WriteString("host"u8, node.Options.Host);
        w.WriteString("id"u8, node.ServerId);
        WriteIfSet(w, "cluster"u8, node.Options.ClusterName);
        w.WriteString("ver"u8, ServerInfo.CompatibleVersion);
        if (node.Options.Tags.Count > 0)
        {
            w.WriteStartArray("tags"u8);
            foreach (var tag in node.Options.Tags)
            {
                w.WriteStringValue(tag);
            }

            w.WriteEndArray();
        }

        w.WriteNumber("seq"u8, Interlocked.Increment(ref _sequence));
        w.WriteBoolean("jetstream"u8, node.Options.JetStream is { Enabled: true });
        w.WriteString("time"u8, DateTime.UtcNow);
        w.WriteEndObject();
    }

    public void Publish(string subject, byte[] body) => Send(SubjectText.ToBytes(subject), body);

    /// headerSize: how many leading bytes of message are its headers (0: none).
    private void Send(byte[] subject, byte[] message, int headerSize = 0)
    {
        SystemTrace.Published(node, subject, message);
        MessageRouter.PublishInternal(system, subject, headerSize, message);
    }

    private static void WriteIfSet(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }

    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
