using System.Text.RegularExpressions;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// natrium's log as nats-server 2.9.10 writes it: `[pid] yyyy/MM/dd HH:mm:ss.ffffff [INF] message`,
/// its start-up lines, `-T=false`, `log_file` with `log_size_limit` rotation, and no secrets.
public sealed partial class LogFormatTests
{
    [Fact]
    public async Task Log_console_lines_have_nats_server_format_and_startup_lines()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-logfmt-");
        try
        {
            await using var natrium = NatriumProcess.Start("-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", dir.FullName);
            await natrium.WaitForPortsAsync(dir.FullName);
            await Eventually.TrueAsync(() => natrium.Output.Contains("[INF] Server is ready", StringComparison.Ordinal), "the ready line", () => natrium.Output);

            var lines = Lines(natrium.Output);
            var pid = $"[{natrium.Id}] ";
            Assert.All(lines, l => Assert.Matches(TimedLine(), l));
            Assert.All(lines, l => Assert.StartsWith(pid, l, StringComparison.Ordinal));
            var messages = lines.Select(l => TimedLine().Match(l).Groups["message"].Value).ToList();
            // In nats-server's order: starting, version, name, id, listening, ready.
            var order = new[]
            {
                messages.IndexOf("Starting nats-server"),
                messages.IndexOf("  Version:  2.9.10"),
                messages.FindIndex(m => m.StartsWith("  Name:     N", StringComparison.Ordinal)),
                messages.FindIndex(m => m.StartsWith("  ID:       N", StringComparison.Ordinal)),
                messages.FindIndex(m => m.StartsWith("Listening for client connections on 127.0.0.1:", StringComparison.Ordinal)),
                messages.IndexOf("Server is ready"),
            };
            Assert.True(order[0] >= 0 && order.Zip(order.Skip(1)).All(p => p.First < p.Second), $"start-up lines at {string.Join(",", order)}: {natrium.Output}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Config_file_start_permission_violations_and_stop_log_nats_servers_lines_in_its_order()
    {
        const string body = """
            http_port: -1
            authorization { users: [ { user: a, password: b, permissions: { publish: "ok.>", subscribe: "ok.>" } } ] }
            """;
        await using var server = await ConfiguredNatrium.StartAsync(body);
        await server.Process.WaitForOutputAsync("[INF] Server is ready");
        var (client, _) = await RawClient.ConnectAsync(server.Port);
        await using (client)
        {
            await client.SendAsync("CONNECT {\"user\":\"a\",\"pass\":\"b\",\"verbose\":false,\"name\":\"cli1\",\"lang\":\"py\",\"version\":\"1.0\"}\r\n"
                + "PUB secret.x 1\r\nx\r\nSUB secret.y 1\r\nSUB secret.z q1 2\r\nPING\r\n");
            await client.ReadThroughAsync("PONG\r\n", TimeSpan.FromSeconds(10));
        }

        await server.Process.WaitForOutputAsync("Queue: ");
        server.Process.Terminate();
        await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var messages = Lines(server.Process.Output).Select(l => TimedLine().Match(l)).Select(m => m.Groups["level"].Value + " " + m.Groups["message"].Value).ToList();
        var order = new[]
        {
            messages.IndexOf("INF Starting nats-server"),
            messages.FindIndex(m => m.StartsWith("INF   ID:       N", StringComparison.Ordinal)),
            messages.IndexOf("WRN Plaintext passwords detected, use nkeys or bcrypt"),
            messages.IndexOf("INF Using configuration file: " + server.ConfigFile),
            messages.FindIndex(m => m.StartsWith("INF Starting http monitor on 127.0.0.1:", StringComparison.Ordinal)),
            messages.FindIndex(m => m.StartsWith("INF Listening for client connections on 127.0.0.1:", StringComparison.Ordinal)),
            messages.IndexOf("INF Server is ready"),
            messages.FindIndex(m => m.EndsWith(" - \"v1.0:py:cli1\" - Publish Violation - User \"a\", Subject \"secret.x\"", StringComparison.Ordinal) && m.StartsWith("ERR 127.0.0.1:", StringComparison.Ordinal)),
            messages.FindIndex(m => m.EndsWith(" - Subscription Violation - User \"a\", Subject \"secret.y\", SID 1", StringComparison.Ordinal) && m.StartsWith("ERR ", StringComparison.Ordinal)),
            messages.FindIndex(m => m.EndsWith(" - Subscription Violation - User \"a\", Subject \"secret.z\", Queue: \"q1\", SID 2", StringComparison.Ordinal) && m.StartsWith("ERR ", StringComparison.Ordinal)),
            messages.IndexOf("INF Initiating Shutdown..."),
            messages.IndexOf("INF Server Exiting.."),
        };
        Assert.True(order[0] >= 0 && order.Zip(order.Skip(1)).All(p => p.First < p.Second), $"lines at {string.Join(",", order)}: {server.Process.Output}");
    }

    [Fact]
    public async Task Client_repeating_a_violation_in_a_loop_gets_ten_lines_a_second_logged_not_one_each()
    {
        await using var server = await ConfiguredNatrium.StartAsync("authorization { users: [ { user: a, password: b, permissions: { publish: \"ok.>\" } } ] }\n");
        var (client, _) = await RawClient.ConnectAsync(server.Port);
        await using (client)
        {
            var flood = new System.Text.StringBuilder("CONNECT {\"user\":\"a\",\"pass\":\"b\",\"verbose\":false}\r\n");
            for (var i = 0; i < 1000; i++)
            {
                flood.Append("PUB secret.x 0\r\n\r\n");
            }

            await client.SendAsync(flood.Append("PING\r\n").ToString());
            await client.ReadThroughAsync("PONG\r\n", TimeSpan.FromSeconds(10));
        }

        server.Process.Terminate();
        await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var logged = Lines(server.Process.Output).Count(l => l.Contains("Publish Violation", StringComparison.Ordinal));
        Assert.InRange(logged, 1, 30);
    }

    [Fact]
    public async Task Log_logtime_false_flag_drops_the_timestamp()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-logfmt-");
        try
        {
            await using var natrium = NatriumProcess.Start("-a", "127.0.0.1", "-p", "-1", "-T=false", "--ports_file_dir", dir.FullName);
            await natrium.WaitForPortsAsync(dir.FullName);
            await Eventually.TrueAsync(() => natrium.Output.Contains("[INF] Server is ready", StringComparison.Ordinal), "the ready line", () => natrium.Output);

            var lines = Lines(natrium.Output);
            Assert.All(lines, l => Assert.Matches(UntimedLine(), l));
            Assert.Contains($"[{natrium.Id}] [INF] Starting nats-server", lines);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Log_file_with_size_limit_rotates_as_nats_server()
    {
        // The start-up lines alone pass 300 bytes, so the file rotates before "Server is ready".
        var dir = Directory.CreateTempSubdirectory("natrium-logrot-");
        var log = Path.Combine(dir.FullName, "natrium.log");
        try
        {
            await using var natrium = await ConfiguredNatrium.StartAsync($"log_file: \"{log}\"\nlogfile_size_limit: 300\nlogtime: false\n");
            await Eventually.TrueAsync(
                () => AllLogText(dir).Contains("Server is ready", StringComparison.Ordinal),
                "the ready line in the log files",
                () => natrium.Process.Output + string.Join(", ", dir.GetFiles().Select(f => f.Name)),
                TimeSpan.FromSeconds(15));

            var backups = dir.GetFiles().Select(f => f.Name).Where(n => n.StartsWith("natrium.log.", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(backups);
            Assert.All(backups, b => Assert.Matches(@"^natrium\.log\.\d{4}\.\d{2}\.\d{2}\.\d{2}\.\d{2}\.\d{2}\.\d{9}$", b));
            var current = Lines(ReadShared(log));
            Assert.Matches(@"^\[\d+\] \[INF\] Rotated log, backup saved as "".*natrium\.log\.[\d.]+""$", current[0]);
            Assert.All(Lines(AllLogText(dir)), l => Assert.Matches(UntimedLine(), l));
            Assert.DoesNotContain("Listening for client connections", natrium.Process.Output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Log_trace_mode_never_shows_passwords_or_tokens()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-logsecret-");
        const string password = "pw-7f3c9e-never-logged";
        try
        {
            await using var natrium = NatriumProcess.Start("-a", "127.0.0.1", "-p", "-1", "-DV", "--user", "alice", "--pass", password, "--ports_file_dir", dir.FullName);
            var (url, _) = await natrium.WaitForPortsAsync(dir.FullName);
            foreach (var tried in new[] { password + "-wrong", password })
            {
                await using var nc = new NatsConnection(new NatsOpts { Url = url, AuthOpts = new NatsAuthOpts { Username = "alice", Password = tried }, MaxReconnectRetry = 0 });
                try
                {
                    await nc.ConnectAsync();
                    await nc.PingAsync();
                }
                catch (NatsException)
                {
                    // The wrong password is refused; only the log matters here.
                }
            }

            await using (var tokenClient = new NatsConnection(new NatsOpts { Url = url, AuthOpts = new NatsAuthOpts { Token = "tok-5d1a-never-logged" }, MaxReconnectRetry = 0 }))
            {
                await Assert.ThrowsAnyAsync<NatsException>(async () => await tokenClient.ConnectAsync());
            }

            await Eventually.TrueAsync(() => natrium.Output.Contains(" - authentication error", StringComparison.Ordinal), "the refusals are logged", () => natrium.Output);
            natrium.Terminate();
            await natrium.WaitForExitAsync(TimeSpan.FromSeconds(30));

            Assert.DoesNotContain("never-logged", natrium.Output, StringComparison.Ordinal);
            Assert.Contains("Server Exiting..", natrium.Output, StringComparison.Ordinal);
            Assert.All(Lines(natrium.Output), l => Assert.Matches(TimedLine(), l));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))];

    private static string AllLogText(DirectoryInfo dir) =>
        string.Concat(dir.GetFiles("natrium.log*").OrderBy(f => f.Name.Length == "natrium.log".Length ? 1 : 0).ThenBy(f => f.Name).Select(f => ReadShared(f.FullName)));

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty; // renamed by a rotation between listing and opening
        }
    }

    [GeneratedRegex(@"^\[\d+\] \d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}\.\d{6} \[(?<level>INF|WRN|ERR|FTL|DBG|TRC)\] (?<message>.*)$")]
    private static partial Regex TimedLine();

    [GeneratedRegex(@"^\[\d+\] \[(INF|WRN|ERR|FTL|DBG|TRC)\] (?<message>.*)$")]
    private static partial Regex UntimedLine();
}
