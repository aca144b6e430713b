using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Natrium.Gateway.Audit;

/// One authentication decision on the client port, as one JSON line of the audit log and the
/// body of `$SYS.SERVER.<id>.AUTH.AUDIT` (README → Authentication audit trail). It holds
/// identities and fixed reason texts only: never a password, token, JWT, signature or seed,
/// and no name the client sent that the server does not know (it may be a mistyped secret).
internal sealed record AuthAuditRecord(
    DateTimeOffset Time,
    bool Success,
    string Method,
    ulong ClientId,
    string Host,
    int Port,
    double DurationMs)
{
    public const string SuccessOutcome = "success";
    public const string FailureOutcome = "failure";

    /// Every `method` a record may name (README → Authentication audit trail).
    public static readonly IReadOnlySet<string> Methods = new HashSet<string>(StringComparer.Ordinal)
    {
        "user_password", "bcrypt", "token", "nkey", "cert", "no_auth_user", "jwt", "callout", "none",
    };

    public string? ServerId { get; init; }

    public string? ServerName { get; init; }

    /// The verified client certificate's subject (RFC 2253), when TLS presented one.
    public string? TlsSubject { get; init; }

    /// The configured user name, or the user JWT's `name`.
    public string? User { get; init; }

    /// The user's public NKEY (nkey users, JWT and callout users).
    public string? UserNkey { get; init; }

    public string? Account { get; init; }

    /// One of the fixed AuthFailureReason / CalloutFailureReason texts; null on success.
    public string? Reason { get; init; }

    public string Outcome => Success ? SuccessOutcome : FailureOutcome;

    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(320);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("time"u8, Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            WriteIfSet(w, "server_id"u8, ServerId);
            WriteIfSet(w, "server_name"u8, ServerName);
            w.WriteString("outcome"u8, Outcome);
            w.WriteString("method"u8, Method);
            w.WriteNumber("client_id"u8, ClientId);
            w.WriteString("host"u8, Host);
            w.WriteNumber("port"u8, Port);
            WriteIfSet(w, "tls_subject"u8, TlsSubject);
            WriteIfSet(w, "user"u8, User);
            WriteIfSet(w, "user_nkey"u8, UserNkey);
            WriteIfSet(w, "account"u8, Account);
            WriteIfSet(w, "reason"u8, Reason);
            w.WriteNumber("duration_ms"u8, Math.Round(DurationMs, 3));
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// Reads a line written by ToJson; false for anything else (a torn last line, garbage).
    public static bool TryParse(ReadOnlySpan<byte> line, out AuthAuditRecord? record)
    {
        record = null;
        try
        {
            using var document = JsonDocument.Parse(line.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("time", out var time) || !time.TryGetDateTimeOffset(out var at)
                || Text(root, "outcome") is not { } outcome || outcome is not (SuccessOutcome or FailureOutcome)
                || Text(root, "method") is not { } method)
            {
                return false;
            }

            record = new AuthAuditRecord(
                at,
                outcome == SuccessOutcome,
                method,
                root.TryGetProperty("client_id", out var id) && id.TryGetUInt64(out var cid) ? cid : 0,
                Text(root, "host") ?? string.Empty,
                root.TryGetProperty("port", out var port) && port.TryGetInt32(out var p) ? p : 0,
                root.TryGetProperty("duration_ms", out var ms) && ms.TryGetDouble(out var d) ? d : 0)
            {
                ServerId = Text(root, "server_id"),
                ServerName = Text(root, "server_name"),
                TlsSubject = Text(root, "tls_subject"),
                User = Text(root, "user"),
                UserNkey = Text(root, "user_nkey"),
                Account = Text(root, "account"),
                Reason = Text(root, "reason"),
            };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteIfSet(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }
}
