using System.Text;
using System.Text.Json;
using Natrium.Gateway.Audit;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Audit;

/// Test helpers over an audit log: its records as natrium wrote them, and raw logins whose
/// answer is read before the file is, so a record present then was flushed before the answer.
internal static class AuditTrail
{
    public static List<AuthAuditRecord> Records(string file) =>
        [.. AuditFileRotation.NewestFirst(file).Reverse().SelectMany(CompleteLines).Select(Parse)];

    /// The lines a file ends with a newline: a concurrent login's record may be half written
    /// at its end (the writer's buffer fills mid-line), and it is not answered until it is whole.
    private static string[] CompleteLines(string path)
    {
        var text = File.ReadAllText(path);
        return text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// Every line of the current and rotated files, as written.
    public static string AllText(string file) => string.Join('\n', AuditFileRotation.NewestFirst(file).Select(File.ReadAllText));

    private static AuthAuditRecord Parse(string line) =>
        AuthAuditRecord.TryParse(Encoding.UTF8.GetBytes(line), out var record) ? record! : throw new Xunit.Sdk.XunitException($"not an audit record: {line}");

    /// A raw login with verbose CONNECT; returns the first answer line (+OK or -ERR …) and the
    /// audit records that were on disk the moment it arrived.
    public static async Task<(string Answer, List<AuthAuditRecord> Records, int Port)> LoginAsync(int port, string file, string connectFields, Func<string, string>? sign = null)
    {
        var (client, info) = await RawClient.ConnectAsync(port);
        await using var _ = client;
        var fields = sign is null ? connectFields : connectFields + sign(info);
        await client.SendAsync($"CONNECT {{\"verbose\":true,\"protocol\":1{fields}}}\r\nPING\r\n");
        var answer = await client.ExpectLineAsync(string.Empty, TimeSpan.FromSeconds(10));
        return (answer, Records(file), client.LocalPort);
    }

    /// The CONNECT field `sig`: the INFO's nonce signed by key.
    public static string NonceSignature(Natrium.Contracts.Keys.NKeyPair key, string info)
    {
        var at = info.IndexOf("\"nonce\":\"", StringComparison.Ordinal) + 9;
        var nonce = info[at..info.IndexOf('"', at)];
        return $",\"sig\":\"{System.Buffers.Text.Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(nonce)))}\"";
    }

    /// GET monitoringUrl + path, as status and JSON.
    public static async Task<(int Status, JsonElement Body)> GetAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
