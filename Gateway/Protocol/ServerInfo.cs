using System.Buffers;
using System.Text.Json;

namespace Natrium.Gateway.Protocol;

/// The INFO a gateway announces (spec/protocol.md §3). Everything but the client's id and
/// address is fixed per gateway, so a connection only fills those two in.
internal sealed record ServerInfo
{
    /// The nats-server release whose client protocol Natrium speaks; clients gate features on it.
    public const string CompatibleVersion = "2.9.10";

    public required string ServerId { get; init; }
    public required string ServerName { get; init; }
    public required string Host { get; init; }
    public required int Port { get; init; }
    public bool Headers { get; init; } = true;
    public bool AuthRequired { get; init; }
    public bool TlsRequired { get; init; }
    public bool TlsVerify { get; init; }
    public bool TlsAvailable { get; init; }
    public required int MaxPayload { get; init; }
    public bool JetStream { get; init; }

    /// The cluster's name; null when not clustered (nats-server omits the field then).
    public string? Cluster { get; init; }

    /// Every live node's client URL, this one's first; empty when alone or not advertised.
    public string[] ConnectUrls { get; init; } = [];

    /// The cluster's websocket URLs, own first: what a websocket client's INFO carries as its
    /// connect_urls (WebsocketEndpoint.InfoFrom). Never rendered under its own name: 2.9.10's
    /// ws_connect_urls reaches no client.
    public string[] WebsocketConnectUrls { get; init; } = [];

    /// `xkey` (nats-server 2.10+): this server's public curve key, which callout services seal
    /// their answers to; null when no callout could be encrypted.
    public string? XKey { get; init; }

    /// `ldm`: this gateway is in lame duck mode; set only on the one INFO that announces it.
    public bool LameDuckMode { get; init; }

    /// The same INFO with another max_payload (a client whose account allows less).
    public ServerInfo With(int maxPayload) => this with { MaxPayload = maxPayload };

    /// INFO {json} \r\n — with the space before CRLF that nats-server 2.9.10 sends.
    public byte[] Render(ulong clientId, string clientIp, string? nonce)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        buffer.Write("INFO "u8);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("server_id"u8, ServerId);
            json.WriteString("server_name"u8, ServerName);
            json.WriteString("version"u8, CompatibleVersion);
            json.WriteNumber("proto"u8, 1);
            json.WriteString("go"u8, "dotnet" + Environment.Version.Major);
            json.WriteString("host"u8, Host);
            json.WriteNumber("port"u8, Port);
            json.WriteBoolean("headers"u8, Headers);
            WriteFlag(json, "auth_required"u8, AuthRequired);
            WriteFlag(json, "tls_required"u8, TlsRequired);
            WriteFlag(json, "tls_verify"u8, TlsVerify);
            WriteFlag(json, "tls_available"u8, TlsAvailable);
            json.WriteNumber("max_payload"u8, MaxPayload);
            WriteFlag(json, "jetstream"u8, JetStream);
            json.WriteNumber("client_id"u8, clientId);
            json.WriteString("client_ip"u8, clientIp);
            if (nonce is not null)
            {
                json.WriteString("nonce"u8, nonce);
            }

            if (Cluster is not null)
            {
                json.WriteString("cluster"u8, Cluster);
            }

            if (ConnectUrls.Length > 0)
            {
                json.WriteStartArray("connect_urls"u8);
                foreach (var url in ConnectUrls)
                {
                    json.WriteStringValue(url);
                }

                json.WriteEndArray();
            }

            if (XKey is not null)
            {
                json.WriteString("xkey"u8, XKey);
            }

            WriteFlag(json, "ldm"u8, LameDuckMode);
            json.WriteEndObject();
        }

        buffer.Write(" \r\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    // nats-server omits these fields when false (omitempty).
    private static void WriteFlag(Utf8JsonWriter json, ReadOnlySpan<byte> name, bool value)
    {
        if (value)
        {
            json.WriteBoolean(name, true);
        }
    }
}
