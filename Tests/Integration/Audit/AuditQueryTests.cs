using System.Text.Json;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Audit;

/// A token login with a small audit log: it rotates at max_size keeping max_files, and GET
/// /authz reads every kept file, newest first, with its filters and its 400s.
public sealed class AuditQueryTests : IAsyncLifetime
{
    private const string Token = "the-real-token-value";
    private const int MaxSize = 1024;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("natrium-audit-query-");
    private ConfiguredNatrium _natrium = null!;

    private string AuditFile => Path.Combine(_dir.FullName, "auth.log");

    public async Task InitializeAsync() => _natrium = await ConfiguredNatrium.StartAsync($$"""
        http: 127.0.0.1:-1
        authorization { token: "{{Token}}" }
        audit_log { file: "{{AuditFile}}", max_size: 1KB, max_files: 3 }
        """);

    public async Task DisposeAsync()
    {
        await _natrium.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Token_logins_rotate_the_log_and_authz_filters_them_newest_first()
    {
        var ports = new List<(int Port, bool Success)>();
        var started = DateTimeOffset.UtcNow;
        for (var i = 0; i < 24; i++)
        {
            var success = i % 3 != 0;
            var (answer, _, port) = await AuditTrail.LoginAsync(_natrium.Port, AuditFile, $",\"auth_token\":\"{(success ? Token : $"wrong-token-{i}")}\"");
            Assert.Equal(success ? "+OK" : "-ERR 'Authorization Violation'", answer);
            ports.Add((port, success));
        }

        // Rotated at 1 KB: every file within it, at most 3 old ones, the newest records kept whole.
        var files = Directory.GetFiles(_dir.FullName).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["auth.log", "auth.log.1", "auth.log.2", "auth.log.3"], files);
        Assert.All(Directory.GetFiles(_dir.FullName), f => Assert.InRange(new FileInfo(f).Length, 1, MaxSize));
        var kept = AuditTrail.Records(AuditFile);
        Assert.Equal(ports.TakeLast(kept.Count).Select(p => p.Port), kept.Select(r => r.Port));
        Assert.All(kept, r => Assert.Equal("token", r.Method));
        Assert.DoesNotContain("token-", AuditTrail.AllText(AuditFile), StringComparison.Ordinal);

        var (status, all) = await GetAsync("/authz?limit=10000");
        Assert.Equal(200, status);
        Assert.Equal(kept.Select(r => r.Port).Reverse(), Ports(all));

        var (_, failures) = await GetAsync("/authz?outcome=failure&limit=2");
        Assert.Equal(ports.Where(p => !p.Success).TakeLast(2).Select(p => p.Port).Reverse(), Ports(failures));
        Assert.All(failures.GetProperty("records").EnumerateArray(), r => Assert.Equal("token does not match", r.GetProperty("reason").GetString()));

        var (_, successes) = await GetAsync($"/authz?outcome=success&method=token&since={Rfc3339(started)}&until={Rfc3339(DateTimeOffset.UtcNow)}");
        Assert.Equal(kept.Where(r => r.Success).Select(r => r.Port).Reverse(), Ports(successes));

        var (_, future) = await GetAsync($"/authz?since={Rfc3339(DateTimeOffset.UtcNow.AddHours(1))}");
        Assert.Equal(0, future.GetProperty("count").GetInt32());
        var (_, nobody) = await GetAsync("/authz?account=NOPE");
        Assert.Equal(0, nobody.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("outcome=maybe", "outcome")]
    [InlineData("method=password", "method must be one of")]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2025-01-01", "until")]
    [InlineData("since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z", "since is after until")]
    [InlineData("acount=A", "unknown parameter")]
    [InlineData("user=a&user=b", "more than once")]
    public async Task Bad_parameters_are_refused_with_400_and_a_json_error(string query, string says)
    {
        var (status, body) = await GetAsync("/authz?" + query);
        Assert.Equal(400, status);
        Assert.Contains(says, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_audit_log_authz_says_none_is_configured()
    {
        await using var plain = await ConfiguredNatrium.StartAsync("http: 127.0.0.1:-1\nauthorization { token: x }\n");
        var (status, body) = await AuditTrail.GetAsync(plain.MonitoringUrl + "/authz");
        Assert.Equal(404, status);
        Assert.Contains("no audit_log is configured", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audit_log { max_size: 1MB }", "audit_log: file is required")]
    [InlineData("audit_log { file: \"/nonexistent-dir-for-natrium/a.log\" }", "does not exist")]
    [InlineData("audit_log { file: a.log, max_files: -1 }", "max_files must not be negative")]
    [InlineData("audit_log { file: a.log, rotate: yes }", "unknown field \"rotate\"")]
    public async Task Natrium_t_refuses_a_bad_audit_log_block(string block, string says)
    {
        var file = Path.Combine(_dir.FullName, "bad.conf");
        await File.WriteAllTextAsync(file, block + "\n");
        var (code, output) = await NatriumProcess.RunAsync("-t", "-c", file);
        Assert.NotEqual(0, code);
        Assert.Contains(says, output, StringComparison.Ordinal);
    }

    private Task<(int Status, JsonElement Body)> GetAsync(string path) => AuditTrail.GetAsync(_natrium.MonitoringUrl + path);

    private static List<int> Ports(JsonElement body) => [.. body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("port").GetInt32())];

    private static string Rfc3339(DateTimeOffset time) => Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
}
