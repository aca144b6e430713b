using Natrium.Contracts.Text;
using System.Text.Json;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Monitoring;
using Natrium.Gateway.Tls;

namespace Natrium.Silo.Monitoring;

/// One /connz entry with nats-server 2.9.10's field names, order, types and omissions
/// (its ConnInfo; spec/monitoring_cluster.md §4).
internal static class ConnectionJson
{
    /// The gateway a connection is on, written last in a cluster-wide /connz (Natrium's own).
    public sealed record Node(string ServerId, string ServerName);

    /// The entry as a JSON object of its own, compact (a row of a cluster-wide /connz).
    public static byte[] ToJson(ConnectionSnapshot c, ConnzOptions options, DateTimeOffset now, Node node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(w, c, options, now, node);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter w, ConnectionSnapshot c, ConnzOptions options, DateTimeOffset now, Node? node = null)
    {
        var end = c.Stop ?? now;
        w.WriteStartObject();
        w.WriteNumber("cid", c.Cid);
        w.WriteString("kind", "Client");
        w.WriteString("type", c.Type);
        w.WriteString("ip", c.Ip);
        w.WriteNumber("port", c.Port);
        w.WriteTime("start", c.Start);
        w.WriteTime("last_activity", c.LastActivity);
        if (c.Stop is { } stop)
        {
            w.WriteTime("stop", stop);
            w.WriteString("reason", c.Reason);
        }

        w.WriteString("rtt", GoDuration.Format(c.Rtt));
        w.WriteString("uptime", GoDuration.Uptime(end - c.Start));
        w.WriteString("idle", GoDuration.Uptime(end - c.LastActivity));
        w.WriteNumber("pending_bytes", c.PendingBytes);
        w.WriteNumber("in_msgs", c.InMessages);
        w.WriteNumber("out_msgs", c.OutMessages);
        w.WriteNumber("in_bytes", c.InBytes);
        w.WriteNumber("out_bytes", c.OutBytes);
        w.WriteNumber("subscriptions", c.Subscriptions.Count);
        WriteIfSet(w, "name", c.Name);
        WriteIfSet(w, "lang", c.Lang);
        WriteIfSet(w, "version", c.Version);
        WriteIfSet(w, "tls_version", c.TlsVersion);
        WriteIfSet(w, "tls_cipher_suite", c.TlsCipherSuite);
        if (options.Auth)
        {
            WritePeerCertificates(w, c.TlsPeerCertificates);
            WriteIfSet(w, "authorized_user", c.AuthorizedUser);
            // nats-server leaves the global account out.
            WriteIfSet(w, "account", c.Account == AccountNames.Global ? null : c.Account);
        }

        if (options.Subs && c.Subscriptions.Count > 0)
        {
            WriteSubscriptions(w, c, options.SubsDetail);
        }

        if (options.Auth)
        {
            WriteIfSet(w, "jwt", c.Jwt);
            WriteIfSet(w, "issuer_key", c.IssuerKey);
            WriteIfSet(w, "name_tag", c.NameTag);
            if (c.Tags.Count > 0)
            {
                w.WriteStartArray("tags");
                foreach (var tag in c.Tags)
                {
                    w.WriteStringValue(tag);
                }

                w.WriteEndArray();
            }
        }

        if (node is not null)
        {
            w.WriteString("server_id", node.ServerId);
            w.WriteString("server_name", node.ServerName);
        }

        w.WriteEndObject();
    }

    /// nats-server 2.9.10 lists them only with `auth`, and only for open connections.
    private static void WritePeerCertificates(Utf8JsonWriter w, IReadOnlyList<TlsPeerCertificate> certificates)
    {
        if (certificates.Count == 0)
        {
            return;
        }

        w.WriteStartArray("tls_peer_certs");
        foreach (var certificate in certificates)
        {
            w.WriteStartObject();
            w.WriteString("subject", certificate.Subject);
            w.WriteString("spki_sha256", certificate.SpkiSha256);
            w.WriteString("cert_sha256", certificate.CertSha256);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteSubscriptions(Utf8JsonWriter w, ConnectionSnapshot c, bool detail)
    {
        if (!detail)
        {
            w.WriteStartArray("subscriptions_list");
            foreach (var sub in c.Subscriptions)
            {
                w.WriteStringValue(sub.Subject);
            }

            w.WriteEndArray();
            return;
        }

        w.WriteStartArray("subscriptions_list_detail");
        foreach (var sub in c.Subscriptions)
        {
            // A closed connection's items name their account, as nats-server's do.
            SubscriptionJson.Write(w, sub, withAccount: c.Stop is not null);
        }

        w.WriteEndArray();
    }

    public static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }
}
