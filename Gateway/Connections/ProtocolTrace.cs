using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Connections;

/// nats-server's protocol trace (`-V`/`trace`), one connection's: `<<- [SUB foo 1]` for what
/// the client sent, `<<- MSG_PAYLOAD: ["hello"]` for a publish's bytes, `->> [OK]` and
/// `->> [MSG foo 1 5]` for what it is sent. Exists only while tracing, so a connection that
/// is not traced pays one null check per delivery and nothing per operation read.
/// CONNECT's secrets are masked: `pass` as 2.9.10 masks it, and also `auth_token` and `jwt`,
/// which 2.9.10 prints (a bearer JWT logs its holder in). Payloads are cut at
/// max_traced_msg_len, read on each one so a reload applies at once (TracedPayload).
internal sealed partial class ProtocolTrace(ILogger logger, Func<string> label, Func<int> maxTracedMsgLen)
{
    private const string Redacted = "[REDACTED]";
    private static readonly string[] Secrets = ["pass", "auth_token", "jwt"];
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void In(string op) => LogIn(logger, label(), op);

    public void InPayload(in ReadOnlySequence<byte> payload) =>
        LogPayload(logger, label(), TracedPayload.Format(payload, maxTracedMsgLen()));

    public void InConnect(ReadOnlySpan<byte> json) => In("CONNECT " + MaskSecrets(json));

    /// A protocol line sent to the client, CRLF and +OK's sign left out as nats-server prints them.
    public void Out(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line).TrimEnd('\r', '\n');
        LogOut(logger, label(), text == "+OK" ? "OK" : text);
    }

    public void OutMessage(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> sid, ReadOnlySpan<byte> reply, int headerSize, long size)
    {
        var text = new StringBuilder(headerSize > 0 ? "HMSG " : "MSG ");
        text.Append(Encoding.UTF8.GetString(subject)).Append(' ').Append(Encoding.UTF8.GetString(sid)).Append(' ');
        if (!reply.IsEmpty)
        {
            text.Append(Encoding.UTF8.GetString(reply)).Append(' ');
        }

        if (headerSize > 0)
        {
            text.Append(headerSize).Append(' ');
        }

        LogOut(logger, label(), text.Append(size).ToString());
    }

    internal static string MaskSecrets(ReadOnlySpan<byte> json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // Unparsable: it may still hold a password, so none of it is shown.
            return "{" + Redacted + "}";
        }

        if (node is JsonObject connect)
        {
            foreach (var secret in Secrets)
            {
                if (connect.ContainsKey(secret))
                {
                    connect[secret] = Redacted;
                }
            }
        }

        return node?.ToJsonString(Relaxed) ?? "null";
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "{Client} - <<- [{Op}]")]
    private static partial void LogIn(ILogger logger, string client, string op);

    [LoggerMessage(Level = LogLevel.Trace, Message = "{Client} - <<- MSG_PAYLOAD: [{Payload}]")]
    private static partial void LogPayload(ILogger logger, string client, string payload);

    [LoggerMessage(Level = LogLevel.Trace, Message = "{Client} - ->> [{Line}]")]
    private static partial void LogOut(ILogger logger, string client, string line);
}
