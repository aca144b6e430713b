using NATS.Client.Core;
using Natrium.Gateway.Audit;

namespace Natrium.Tests.Integration.Audit;

/// Config-mode logins over raw sockets: each decision is one record, on disk by the time the
/// client reads its answer, naming the method, the client's address and port, the user and
/// account, and on failure a fixed reason.
public sealed class ConfigModeAuditTests(ConfigAuditFixture natrium) : IClassFixture<ConfigAuditFixture>
{
    private const string Refused = "-ERR 'Authorization Violation'";

    public static TheoryData<string, string, string, string?, string?> Logins() => new()
    {
        // connect fields, answer, method, user, reason
        { $",\"user\":\"alice\",\"pass\":\"{ConfigAuditFixture.AlicePassword}\"", "+OK", "user_password", "alice", null },
        { ",\"user\":\"alice\",\"pass\":\"wrong-one\"", Refused, "user_password", "alice", "password does not match" },
        { $",\"user\":\"bob\",\"pass\":\"{ConfigAuditFixture.BobPassword}\"", "+OK", "bcrypt", "bob", null },
        { ",\"user\":\"bob\",\"pass\":\"wrong-two\"", Refused, "bcrypt", "bob", "password does not match" },
        { string.Empty, "+OK", "no_auth_user", "guest", null },
        { ",\"user\":\"wrong-three-typed-as-user\",\"pass\":\"x\"", Refused, "user_password", null, "user not configured" },
    };

    [Theory]
    [MemberData(nameof(Logins))]
    public async Task Login_leaves_its_record_on_disk_before_the_answer(string fields, string answer, string method, string? user, string? reason)
    {
        var before = AuditTrail.Records(natrium.AuditFile).Count;
        var (got, records, port) = await AuditTrail.LoginAsync(natrium.Natrium.Port, natrium.AuditFile, fields);

        Assert.Equal(answer, got);
        Assert.Equal(before + 1, records.Count);
        var record = records[^1];
        Assert.Equal(answer == "+OK", record.Success);
        Assert.Equal(method, record.Method);
        Assert.Equal(user, record.User);
        Assert.Equal(reason, record.Reason);
        Assert.Equal("127.0.0.1", record.Host);
        Assert.Equal(port, record.Port);
        Assert.Equal(user is null ? null : "A", record.Account);
        Assert.True(record.DurationMs >= 0 && record.DurationMs < 10_000, $"duration {record.DurationMs} ms");
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - record.Time).TotalMinutes) < 1, $"time {record.Time:O}");
        Assert.DoesNotContain("wrong-", AuditTrail.AllText(natrium.AuditFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nkey_logins_name_the_public_key_and_never_the_signature()
    {
        string? signature = null;
        var (ok, records, _) = await AuditTrail.LoginAsync(natrium.Natrium.Port, natrium.AuditFile, string.Empty, info =>
        {
            var fields = natrium.SignNonce(info);
            signature = fields[(fields.IndexOf("\"sig\":\"", StringComparison.Ordinal) + 7)..^1];
            return fields;
        });
        Assert.Equal("+OK", ok);
        Assert.Equal(("nkey", true, natrium.Nkey.PublicKey, "A"), (records[^1].Method, records[^1].Success, records[^1].UserNkey, records[^1].Account));

        var (refused, after, _) = await AuditTrail.LoginAsync(natrium.Natrium.Port, natrium.AuditFile, $",\"nkey\":\"{natrium.Nkey.PublicKey}\",\"sig\":\"{signature}\"");
        Assert.Equal(Refused, refused);
        Assert.Equal(("nkey", false, natrium.Nkey.PublicKey, "nkey signature not valid"), (after[^1].Method, after[^1].Success, after[^1].UserNkey, after[^1].Reason));
        Assert.DoesNotContain(signature!, AuditTrail.AllText(natrium.AuditFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Brute_force_leaves_one_record_per_attempt_and_no_tried_secret()
    {
        // 50 attempts: wrong passwords for a plain and a bcrypt user, and secrets typed into the
        // user field (a name the server does not know is never recorded).
        var tried = Enumerable.Range(0, 50).Select(i => $"guess-{i:D2}-{Guid.NewGuid():N}").ToList();
        var fields = tried.Select((secret, i) => (i % 5) switch
        {
            0 => $",\"user\":\"{secret}\",\"pass\":\"{secret}\"",
            1 => $",\"user\":\"bob\",\"pass\":\"{secret}\"",
            _ => $",\"user\":\"alice\",\"pass\":\"{secret}\"",
        }).ToList();
        var before = AuditTrail.Records(natrium.AuditFile).Count;

        foreach (var batch in fields.Chunk(10))
        {
            var answers = await Task.WhenAll(batch.Select(f => AuditTrail.LoginAsync(natrium.Natrium.Port, natrium.AuditFile, f)));
            Assert.All(answers, a => Assert.Equal(Refused, a.Answer));
        }

        var added = AuditTrail.Records(natrium.AuditFile).Skip(before).ToList();
        Assert.Equal(tried.Count, added.Count);
        Assert.All(added, r => Assert.False(r.Success));
        Assert.Equal(30, added.Count(r => r.User == "alice"));
        Assert.Equal(10, added.Count(r => r.Method == "bcrypt"));
        var text = AuditTrail.AllText(natrium.AuditFile);
        foreach (var secret in tried.Append(ConfigAuditFixture.AlicePassword).Append(ConfigAuditFixture.BobPassword).Append("guest-pw"))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, natrium.Natrium.Process.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task System_account_receives_audit_records_and_auth_errors_on_both_subjects()
    {
        await using var sys = new NatsConnection(new NatsOpts
        {
            Url = natrium.Natrium.Url,
            AuthOpts = NatsAuthOpts.Default with { Username = "sys", Password = ConfigAuditFixture.SysPassword },
        });
        await using var audit = await sys.SubscribeCoreAsync<string>("$SYS.SERVER.*.AUTH.AUDIT");
        await using var serverErrors = await sys.SubscribeCoreAsync<string>("$SYS.SERVER.*.CLIENT.AUTH.ERR");
        await using var accountErrors = await sys.SubscribeCoreAsync<string>("$SYS.ACCOUNT.CLIENT.AUTH.ERR");
        await sys.PingAsync();

        var (_, _, refusedPort) = await AuditTrail.LoginAsync(natrium.Natrium.Port, natrium.AuditFile, ",\"user\":\"alice\",\"pass\":\"wrong-sys\"");
        var (_, _, acceptedPort) = await AuditTrail.LoginAsync(natrium.Natrium.Port, natrium.AuditFile, $",\"user\":\"alice\",\"pass\":\"{ConfigAuditFixture.AlicePassword}\"");

        var refused = await TestKit.Eventually.ReadAsync(audit, Parse, r => r.Port == refusedPort);
        Assert.Equal(("failure", "alice", "password does not match"), (refused.Outcome, refused.User, refused.Reason));
        var accepted = await TestKit.Eventually.ReadAsync(audit, Parse, r => r.Port == acceptedPort);
        Assert.Equal(("success", "A"), (accepted.Outcome, accepted.Account));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var server = await serverErrors.Msgs.ReadAsync(cts.Token);
        var account = await accountErrors.Msgs.ReadAsync(cts.Token);
        Assert.Equal(server.Data, account.Data);
        Assert.Contains("\"reason\":\"Authentication Failure\"", account.Data, StringComparison.Ordinal);
        Assert.Matches(@"^\$SYS\.SERVER\.N[A-Z0-9]{55}\.CLIENT\.AUTH\.ERR$", server.Subject);
    }

    private static AuthAuditRecord Parse(string json) =>
        AuthAuditRecord.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out var record) ? record! : throw new Xunit.Sdk.XunitException(json);
}
