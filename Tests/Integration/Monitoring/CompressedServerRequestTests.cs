using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using Snappier;

namespace Natrium.Tests.Integration.Monitoring;

/// `$SYS.REQ.…<EP>` requests with an `Accept-Encoding` header (spec/monitoring_cluster.md §8),
/// answered as nats-server 2.9.10 answered the same requests on 127.0.0.1: an HMSG with
/// `Content-Encoding: gzip` or `snappy` (also for `s2`) and the compressed envelope;
/// `identity` and the plain body for an encoding it does not know; no header at all on errors,
/// on statsz and for a header name in another case.
public sealed class CompressedServerRequestTests(ServerRequestFixture broker) : IClassFixture<ServerRequestFixture>
{
    [Fact]
    public async Task Gzip_is_answered_with_content_encoding_gzip_and_a_gzip_body()
    {
        await using var sys = await broker.ConnectAsync("sys");
        await using var app = await broker.ConnectAsync("a");
        await app.PingAsync();
        var id = (await DecodedAsync(sys, "$SYS.REQ.SERVER.PING.HEALTHZ", "gzip", string.Empty, "gzip")).GetProperty("server").GetProperty("id").GetString();

        foreach (var subject in new[] { "$SYS.REQ.SERVER.PING.CONNZ", $"$SYS.REQ.SERVER.{id}.CONNZ", "$SYS.REQ.ACCOUNT.A.CONNZ" })
        {
            var connz = await DecodedAsync(sys, subject, "gzip", """{"acc":"A"}""", "gzip");
            Assert.Equal("reqnode", connz.GetProperty("server").GetProperty("name").GetString());
            var names = connz.GetProperty("data").GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("name").GetString());
            Assert.Contains("a-client", names);
        }

        // A list of encodings, as HTTP clients send it: any that mentions gzip.
        var varz = await DecodedAsync(sys, $"$SYS.REQ.SERVER.{id}.VARZ", "br, GZIP;q=0.5", string.Empty, "gzip");
        Assert.Equal(id, varz.GetProperty("data").GetProperty("server_id").GetString());
    }

    [Fact]
    public async Task Snappy_and_s2_are_answered_with_framed_snappy()
    {
        await using var sys = await broker.ConnectAsync("sys");
        foreach (var accepted in new[] { "snappy", "s2", "gzip, snappy" })
        {
            var subsz = await DecodedAsync(sys, "$SYS.REQ.SERVER.PING.SUBSZ", accepted, string.Empty, "snappy");
            Assert.True(subsz.GetProperty("data").TryGetProperty("num_subscriptions", out _), subsz.ToString());
        }

        var info = await DecodedAsync(sys, "$SYS.REQ.ACCOUNT.A.INFO", "snappy", string.Empty, "snappy");
        Assert.Equal("A", info.GetProperty("data").GetProperty("account_name").GetString());
    }

    [Fact]
    public async Task An_unknown_encoding_gets_identity_and_the_plain_body()
    {
        await using var sys = await broker.ConnectAsync("sys");
        var health = await DecodedAsync(sys, "$SYS.REQ.SERVER.PING.HEALTHZ", "deflate", string.Empty, "identity");
        Assert.Equal("ok", health.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Errors_statsz_and_a_lowercase_header_name_stay_uncompressed()
    {
        await using var sys = await broker.ConnectAsync("sys");

        var (refused, refusedHeaders) = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.CONNZ", new NatsHeaders { ["Accept-Encoding"] = "gzip" }, """{"sort":"bogus"}""");
        Assert.Null(refusedHeaders);
        Assert.Equal("invalid sorting option: bogus", Parse(refused).GetProperty("error").GetProperty("description").GetString());

        var (broken, brokenHeaders) = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.CONNZ", new NatsHeaders { ["Accept-Encoding"] = "gzip" }, "{not json");
        Assert.Null(brokenHeaders);
        Assert.Equal(400, Parse(broken).GetProperty("error").GetProperty("code").GetInt32());

        var (statsz, statszHeaders) = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.STATSZ", new NatsHeaders { ["Accept-Encoding"] = "gzip" }, string.Empty);
        Assert.Null(statszHeaders);
        Assert.True(Parse(statsz).TryGetProperty("statsz", out _));

        // nats-server looks the name up byte for byte.
        var (lower, lowerHeaders) = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.HEALTHZ", new NatsHeaders { ["accept-encoding"] = "gzip" }, string.Empty);
        Assert.Null(lowerHeaders);
        Assert.Equal("ok", Parse(lower).GetProperty("data").GetProperty("status").GetString());
    }

    /// The imported `$SYS.REQ.SERVER.PING.CONNZ` of an ordinary account: the answer comes back
    /// through the service import's reply, headers and all.
    [Fact]
    public async Task An_ordinary_accounts_imported_connz_comes_back_compressed()
    {
        await using var app = await broker.ConnectAsync("a");
        var connz = await DecodedAsync(app, "$SYS.REQ.SERVER.PING.CONNZ", "gzip", string.Empty, "gzip");
        var names = connz.GetProperty("data").GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("name").GetString());
        Assert.Contains("a-client", names);
    }

    private static async Task<JsonElement> DecodedAsync(NatsConnection nc, string subject, string accept, string body, string expectedEncoding)
    {
        var (data, headers) = await RequestAsync(nc, subject, new NatsHeaders { ["Accept-Encoding"] = accept }, body);
        var encoding = headers is not null && headers.TryGetValue("Content-Encoding", out var value) ? value.ToString() : null;
        Assert.True(encoding is not null, $"{subject} with Accept-Encoding: {accept}: expected an HMSG with Content-Encoding, got {(headers is null ? "no headers" : string.Join(", ", headers.Keys))}");
        Assert.Equal(expectedEncoding, encoding);
        return expectedEncoding switch
        {
            "gzip" => Parse(Decompress(new GZipStream(new MemoryStream(data), CompressionMode.Decompress))),
            "snappy" => Parse(Decompress(new SnappyStream(new MemoryStream(data), CompressionMode.Decompress))),
            _ => Parse(data),
        };
    }

    private static byte[] Decompress(Stream stream)
    {
        using (stream)
        {
            using var plain = new MemoryStream();
            stream.CopyTo(plain);
            return plain.ToArray();
        }
    }

    private static JsonElement Parse(byte[] json) => JsonDocument.Parse(json).RootElement.Clone();

    private static async Task<(byte[] Data, NatsHeaders? Headers)> RequestAsync(NatsConnection nc, string subject, NatsHeaders headers, string body)
    {
        var reply = await nc.RequestAsync<byte[], byte[]>(subject, Encoding.UTF8.GetBytes(body), headers: headers, replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(5) });
        Assert.False(reply.HasNoResponders, $"{subject}: no responders");
        return (reply.Data ?? [], reply.Headers);
    }
}
