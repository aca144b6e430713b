using System.Net;
using System.Net.Sockets;
using System.Text;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// A config reload moves the log as nats-server 2.9.10 reloads its logger (remote_syslog,
/// syslog, log_file, logtime): from stderr to a syslog server, from there to a file; and
/// logfile_max_num keeps that many log files.
public sealed class LogSinkReloadTests
{
    [Fact]
    public async Task Log_reload_moves_the_log_from_stderr_to_remote_syslog_to_a_file()
    {
        using var syslog = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)syslog.Client.LocalEndPoint!).Port;
        var dir = Directory.CreateTempSubdirectory("natrium-logreload-");
        var file = Path.Combine(dir.FullName, "moved.log");
        try
        {
            await using var natrium = await ConfiguredNatrium.StartAsync("debug: true\n");
            await natrium.Process.WaitForOutputAsync("[INF] Server is ready");

            await natrium.ReloadAsync($"debug: true\nremote_syslog: \"udp://127.0.0.1:{port}\"\n");
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                string record;
                do
                {
                    record = Encoding.UTF8.GetString((await syslog.ReceiveAsync(timeout.Token)).Buffer);
                }
                while (!record.Contains("Reloaded server configuration", StringComparison.Ordinal));

                Assert.StartsWith("<5>", record, StringComparison.Ordinal);
                Assert.EndsWith($" natrium[{natrium.Process.Id}]: Reloaded server configuration from {natrium.ConfigFile}\n", record, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("Reloaded server configuration", natrium.Process.Output, StringComparison.Ordinal);

            await natrium.ReloadAsync($"debug: true\nremote_syslog: \"udp://127.0.0.1:{port}\"\nlog_file: \"{file}\"\nlogtime: false\n");
            await Eventually.TrueAsync(
                () => File.Exists(file) && ReadShared(file).Contains($"[{natrium.Process.Id}] [INF] Reloaded server configuration from {natrium.ConfigFile}\n", StringComparison.Ordinal),
                "the reload line in the new log file",
                () => natrium.Process.Output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Log_max_num_purges_old_backups_of_a_rotating_log()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-logmax-");
        var log = Path.Combine(dir.FullName, "natrium.log");
        try
        {
            // At 100 bytes nearly every start-up line rotates the file.
            await using var natrium = await ConfiguredNatrium.StartAsync($"log_file: \"{log}\"\nlogfile_size_limit: 100\nlogfile_max_num: 2\nlogtime: false\ndebug: true\n");
            await Eventually.TrueAsync(
                () => dir.GetFiles("natrium.log*").Any(f => ReadShared(f.FullName).Contains("[INF] Purged log file \"natrium.log.", StringComparison.Ordinal)),
                "a purge line in the log",
                () => string.Join(", ", dir.GetFiles().Select(f => f.Name)),
                TimeSpan.FromSeconds(30));
            await Eventually.TrueAsync(
                () => dir.GetFiles().Count(f => f.Name.StartsWith("natrium.log.", StringComparison.Ordinal)) == 1,
                "one backup besides the current file",
                () => string.Join(", ", dir.GetFiles().Select(f => f.Name)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty; // renamed or purged between listing and opening
        }
    }
}
