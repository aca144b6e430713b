using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// `natrium -c FILE` and `natrium -t -c FILE`, run as a process like nats-server.
public sealed class ConfigFileTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Examples, "*.conf"))
        {
            // tls.conf needs certificates, made at test time by TlsConfigTests.
            if (Path.GetFileName(file) != "tls.conf")
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_example_config_is_valid(string name)
    {
        var path = Path.Combine(RepositoryPaths.Examples, name);
        var (code, output) = await NatriumProcess.RunAsync("-t", "-c", path);
        Assert.True(code == 0, output);
        Assert.Contains($"configuration file {path} is valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_file_fails_the_test_with_position()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "port: 4222\n  bogus: 1\n");
            var (code, output) = await NatriumProcess.RunAsync("-t", "-c", path);
            Assert.Equal(1, code);
            Assert.Contains($"{path}:2:3: unknown field \"bogus\"", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Settings_from_the_file_apply_and_flags_win()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-conf-");
        try
        {
            var conf = Path.Combine(dir.FullName, "n.conf");
            await File.WriteAllTextAsync(conf, "listen: 127.0.0.1:1\nserver_name: from-file\nmax_payload: 2KB\nports_file_dir: \"" + dir.FullName + "\"\n");
            await using var natrium = NatriumProcess.Start("-c", conf, "-p", "-1");
            var (url, _) = await natrium.WaitForPortsAsync(dir.FullName);
            await using var nc = new NatsConnection(new NatsOpts { Url = url });
            await nc.ConnectAsync();
            Assert.Equal("from-file", nc.ServerInfo!.Name);
            Assert.Equal(2048, nc.ServerInfo.MaxPayload);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Log_file_flag_sends_the_log_to_that_file()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-log-");
        try
        {
            var log = Path.Combine(dir.FullName, "natrium.log");
            await using var natrium = NatriumProcess.Start("-a", "127.0.0.1", "-p", "-1", "-l", log);
            await Eventually.TrueAsync(
                () => File.Exists(log) && ReadShared(log).Contains("Listening for client connections", StringComparison.Ordinal),
                "the log file has the listening line",
                () => natrium.Output,
                TimeSpan.FromSeconds(15));
            Assert.DoesNotContain("Listening for client connections", natrium.Output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
