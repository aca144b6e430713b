using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Natrium.Gateway.Audit;

namespace Natrium.Tests.Unit.Audit;

/// The audit record's line format, the numbered rotation and the newest-first reader, without
/// sockets.
public sealed class AuthAuditRecordTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("natrium-audit-unit-");

    private string LogFile => Path.Combine(_dir.FullName, "audit.log");

    private static AuthAuditRecord Record(int n, bool success = true, string account = "A", string? user = "alice", DateTimeOffset? time = null) =>
        new(time ?? DateTimeOffset.UnixEpoch.AddMinutes(n), success, "user_password", (ulong)n, "127.0.0.1", 40000 + n, 1.25)
        {
            ServerId = "NSERVER",
            User = user,
            Account = account,
            Reason = success ? null : "password does not match",
        };

    [Fact]
    public void Record_is_one_json_line_that_reads_back_the_same()
    {
        var record = Record(7, success: false) with { TlsSubject = "CN=alice,O=Acme", UserNkey = "UABC", DurationMs = 12.3456789 };
        var json = record.ToJson();
        Assert.DoesNotContain((byte)'\n', json);
        var text = Encoding.UTF8.GetString(json);
        Assert.Contains("\"outcome\":\"failure\"", text, StringComparison.Ordinal);
        Assert.Contains("\"duration_ms\":12.346", text, StringComparison.Ordinal);
        Assert.True(AuthAuditRecord.TryParse(json, out var parsed));
        Assert.Equal(record with { DurationMs = 12.346 }, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"time\":\"2025-01-01T00:00:00Z\",\"outcome\":\"maybe\",\"method\":\"token\"}")]
    [InlineData("{\"time\":\"2025-01-01T00:00:00Z\",\"outcome\":\"succ")]
    [InlineData("[1,2]")]
    public void Anything_else_is_not_a_record(string line) =>
        Assert.False(AuthAuditRecord.TryParse(Encoding.UTF8.GetBytes(line), out _));

    [Fact]
    public void Rotation_numbers_files_newest_first_and_keeps_max_files()
    {
        for (var i = 0; i < 5; i++)
        {
            File.WriteAllText(LogFile, $"generation {i}");
            AuditFileRotation.Rotate(LogFile, maxFiles: 3);
        }

        Assert.False(File.Exists(LogFile));
        Assert.Equal("generation 4", File.ReadAllText(LogFile + ".1"));
        Assert.Equal("generation 3", File.ReadAllText(LogFile + ".2"));
        Assert.Equal("generation 2", File.ReadAllText(LogFile + ".3"));
        Assert.False(File.Exists(LogFile + ".4"), "a fourth old file was kept with max_files 3");
    }

    [Fact]
    public void Rotation_drops_leftovers_of_a_larger_max_files_and_max_files_zero_keeps_none()
    {
        File.WriteAllText(LogFile + ".7", "old");
        File.WriteAllText(LogFile, "current");
        AuditFileRotation.Rotate(LogFile, maxFiles: 2);
        Assert.False(File.Exists(LogFile + ".7"));
        Assert.Equal("current", File.ReadAllText(LogFile + ".1"));

        File.WriteAllText(LogFile, "next");
        AuditFileRotation.Rotate(LogFile, maxFiles: 0);
        Assert.Empty(Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public async Task Writer_rotates_at_max_size_and_never_splits_a_record()
    {
        var line = Record(1).ToJson().Length + 1;
        var audit = new AuthAuditLog(new AuditLogOptions(LogFile) { MaxSize = line * 3, MaxFiles = 2 }, NullLogger.Instance);
        for (var i = 0; i < 10; i++)
        {
            await audit.WriteAsync(Record(i));
        }

        await audit.DisposeAsync();
        // 10 records, 3 per file: .2 holds 3-5, .1 holds 6-8, the current file 9; 0-2 dropped.
        Assert.Equal([9], ClientIds(LogFile));
        Assert.Equal([6, 7, 8], ClientIds(LogFile + ".1"));
        Assert.Equal([3, 4, 5], ClientIds(LogFile + ".2"));
        Assert.False(File.Exists(LogFile + ".3"));
    }

    [Fact]
    public async Task Reader_answers_newest_first_across_rotated_files_with_filters_and_limit()
    {
        var audit = new AuthAuditLog(new AuditLogOptions(LogFile) { MaxSize = 1024, MaxFiles = 20 }, NullLogger.Instance);
        for (var i = 0; i < 60; i++)
        {
            await audit.WriteAsync(Record(i, success: i % 3 != 0, account: i % 2 == 0 ? "A" : "B", user: i % 5 == 0 ? "bob" : "alice"));
        }

        await audit.DisposeAsync();
        Assert.True(File.Exists(LogFile + ".2"), "the test needs several rotated files");
        File.AppendAllText(LogFile, "{\"time\":\"torn"); // a torn last line is skipped

        var all = AuthAuditReader.Read(LogFile, new AuthAuditQuery(1000)).Records;
        Assert.Equal(Enumerable.Range(0, 60).Reverse().Select(i => (ulong)i), all.Select(r => r.ClientId));

        var failuresOfA = AuthAuditReader.Read(LogFile, new AuthAuditQuery(3) { Account = "A", Success = false }).Records;
        Assert.Equal([54UL, 48, 42], failuresOfA.Select(r => r.ClientId));

        var bobInWindow = AuthAuditReader.Read(LogFile, new AuthAuditQuery(100)
        {
            User = "bob",
            Since = DateTimeOffset.UnixEpoch.AddMinutes(10),
            Until = DateTimeOffset.UnixEpoch.AddMinutes(40),
        }).Records;
        Assert.Equal([40UL, 35, 30, 25, 20, 15, 10], bobInWindow.Select(r => r.ClientId));
    }

    [Fact]
    public void Reverse_reader_handles_lines_across_its_blocks()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => new string((char)('a' + (i % 26)), i % 97)).ToList();
        File.WriteAllText(LogFile, string.Join('\n', lines) + "\n");
        var read = ReverseLineReader.Lines(LogFile).Select(m => Encoding.UTF8.GetString(m.Span)).ToList();
        Assert.Equal(lines.Where(l => l.Length > 0).Reverse(), read);
    }

    private static List<ulong> ClientIds(string path) =>
        [.. File.ReadAllLines(path).Select(l => AuthAuditRecord.TryParse(Encoding.UTF8.GetBytes(l), out var r) ? r!.ClientId : ulong.MaxValue)];

    public void Dispose() => _dir.Delete(recursive: true);
}
