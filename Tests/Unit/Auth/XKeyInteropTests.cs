using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Unit.Auth;

/// The xkey box against @nats-io/nkeys 2.0.3 (Tests/Fixtures/xkey-interop): boxes the JS library
/// sealed open here, and natrium-boxes.json (sealed here) is opened by verify.mjs. The recipient
/// is the published nats-by-example service xkey, so no private key of ours is committed.
public sealed class XKeyInteropTests
{
    private const string PublishedSeed = "SXAAXMRAEP6JWWHNB6IKFL554IE6LZVT6EY5MBRICPILTLOPHAG73I3YX4";
    private const string PublishedPublic = "XAB3NANV3M6N7AHSQP2U5FRWKKUT7EG2ZXXABV4XVXYQRJGM4S2CZGHT";

    private static readonly string FixtureDir = Path.Combine(RepositoryPaths.Root, "Tests", "Fixtures", "xkey-interop");

    [Fact]
    public void Published_seed_gives_its_published_public_key()
    {
        using var pair = Recipient();
        Assert.Equal(PublishedPublic, pair.PublicKey);
    }

    [Fact]
    public void Boxes_sealed_by_nkeys_js_open_to_their_plaintext()
    {
        using var recipient = Recipient();
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureDir, "nats-nkeys-js.json")))!;
        var cases = fixture["cases"]!.AsArray();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var opened = recipient.Open(Convert.FromBase64String(c!["box"]!.GetValue<string>()), c["sender"]!.GetValue<string>());
            Assert.NotNull(opened);
            Assert.Equal(c["plaintext"]!.GetValue<string>(), Encoding.UTF8.GetString(opened));
        }
    }

    /// Rewritten with NATRIUM_UPDATE_XKEY_FIXTURE=1 (then run verify.mjs); otherwise the
    /// committed boxes must still open here, so the file verify.mjs checked stays meaningful.
    [Fact]
    public void Natrium_boxes_fixture_opens_with_the_published_seed()
    {
        var path = Path.Combine(FixtureDir, "natrium-boxes.json");
        if (Environment.GetEnvironmentVariable("NATRIUM_UPDATE_XKEY_FIXTURE") == "1")
        {
            WriteNatriumBoxes(path);
        }

        using var recipient = Recipient();
        var cases = JsonNode.Parse(File.ReadAllText(path))!["cases"]!.AsArray();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var opened = recipient.Open(Convert.FromBase64String(c!["box"]!.GetValue<string>()), c["sender"]!.GetValue<string>());
            Assert.Equal(c["plaintext"]!.GetValue<string>(), opened is null ? null : Encoding.UTF8.GetString(opened));
        }
    }

    [Fact]
    public void Seal_then_open_between_two_keys_round_trips()
    {
        using var server = CurveKeyPair.Create();
        using var service = CurveKeyPair.Create();
        var box = server.Seal("hello"u8, service.PublicKey)!;
        Assert.Equal("xkv1"u8.ToArray(), box[..4]);
        Assert.Equal(4 + 24 + 16 + 5, box.Length);
        Assert.Equal("hello"u8.ToArray(), service.Open(box, server.PublicKey));
    }

    [Fact]
    public void Tampered_truncated_or_misattributed_boxes_do_not_open()
    {
        using var server = CurveKeyPair.Create();
        using var service = CurveKeyPair.Create();
        using var stranger = CurveKeyPair.Create();
        var box = server.Seal("secret payload"u8, service.PublicKey)!;
        for (var i = 0; i < box.Length; i++)
        {
            var flipped = (byte[])box.Clone();
            flipped[i] ^= 0x01;
            Assert.Null(service.Open(flipped, server.PublicKey));
        }

        Assert.Null(service.Open(box[..(4 + 24 + 15)], server.PublicKey));
        Assert.Null(service.Open(box, stranger.PublicKey));
        Assert.Null(stranger.Open(box, server.PublicKey));
        Assert.Null(service.Open(box, "UAB3NANV3M6N7AHSQP2U5FRWKKUT7EG2ZXXABV4XVXYQRJGM4S2CZGHT"));
        Assert.Null(server.Seal("x"u8, "not a key"));
    }

    [Fact]
    public void Low_order_peer_key_is_refused()
    {
        using var server = CurveKeyPair.Create();
        var zeroPoint = NKeyEncoding.EncodePublicKey(NKeyPrefix.Curve, new byte[32]);
        Assert.Null(server.Seal("x"u8, zeroPoint));
    }

    private static CurveKeyPair Recipient() =>
        CurveKeyPair.TryFromSeed(PublishedSeed, out var pair) ? pair : throw new InvalidOperationException("published seed did not decode");

    private static void WriteNatriumBoxes(string path)
    {
        string[] plaintexts = ["", "x", new string('a', 31), new string('b', 32), new string('c', 33), "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ." + new string('d', 400)];
        var cases = new JsonArray();
        foreach (var text in plaintexts)
        {
            using var sender = CurveKeyPair.Create();
            var box = sender.Seal(Encoding.UTF8.GetBytes(text), PublishedPublic)!;
            cases.Add(new JsonObject { ["sender"] = sender.PublicKey, ["plaintext"] = text, ["box"] = Convert.ToBase64String(box) });
        }

        var root = new JsonObject { ["generator"] = "Tests/Unit/Auth/XKeyInteropTests.cs (NATRIUM_UPDATE_XKEY_FIXTURE=1)", ["recipient"] = PublishedPublic, ["cases"] = cases };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
