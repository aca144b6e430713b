namespace Natrium.Tests.TestKit;

/// natrium run as a process from a config file in its own temporary directory, listening on a
/// free 127.0.0.1 port, with the file rewritable for reload tests.
public sealed class ConfiguredNatrium : IAsyncDisposable
{
    private readonly DirectoryInfo _dir;
    private readonly string _header;
    private bool _disposed;

    private ConfiguredNatrium(DirectoryInfo dir, NatriumProcess process, string url, string? monitoringUrl)
    {
        _dir = dir;
        _header = $"listen: 127.0.0.1:-1\nports_file_dir: \"{dir.FullName}\"\n";
        Process = process;
        Url = url;
        MonitoringUrl = monitoringUrl;
    }

    public NatriumProcess Process { get; }

    public string Url { get; }

    /// The monitoring listener's URL when the config has one (http/https).
    public string? MonitoringUrl { get; }

    public int Port => new Uri(Url).Port;

    public string ConfigFile => Path.Combine(_dir.FullName, "natrium.conf");

    /// Starts natrium with the body of a config file (listen and ports_file_dir are added);
    /// lameDuckDuration goes below nats-server's 30 s minimum through the test-only flag;
    /// environment sets (null: removes) variables of the process; hangupIgnored starts it with
    /// SIGHUP ignored, as nohup does (through sh, which execs natrium: the pid stays).
    public static async Task<ConfiguredNatrium> StartAsync(string body, TimeSpan? lameDuckDuration = null, IReadOnlyDictionary<string, string?>? environment = null, bool hangupIgnored = false)
    {
        var dir = Directory.CreateTempSubdirectory("natrium-conf-");
        var header = $"listen: 127.0.0.1:-1\nports_file_dir: \"{dir.FullName}\"\n";
        var file = Path.Combine(dir.FullName, "natrium.conf");
        await File.WriteAllTextAsync(file, header + body);
        var variables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>());
        var process = hangupIgnored
            ? NatriumProcess.StartExecutable("/bin/sh", null, variables, "-c", "trap '' HUP; exec \"$0\" -c \"$1\"", NatriumProcess.ExecutablePath, file)
            : lameDuckDuration is { } duration
            ? NatriumProcess.StartIn(null, new Dictionary<string, string?>(variables) { [Natrium.Silo.Cli.TestFlags.EnvironmentVariable] = "1" },
                "-c", file, "--lame_duck_duration_for_tests", Natrium.Silo.Conf.ConfDuration.Format(duration))
            : NatriumProcess.StartIn(null, variables, "-c", file);
        try
        {
            var (url, monitoringUrl) = await process.WaitForPortsAsync(dir.FullName);
            return new ConfiguredNatrium(dir, process, url, monitoringUrl);
        }
        catch
        {
            await process.DisposeAsync();
            dir.Delete(recursive: true);
            throw;
        }
    }

    /// Replaces the config body and sends SIGHUP.
    public async Task ReloadAsync(string body)
    {
        await RewriteAsync(body);
        Posix.Kill(Process.Id, Posix.SigHup);
    }

    /// Replaces the config body without signalling (for other ways of asking for a reload).
    public Task RewriteAsync(string body) => File.WriteAllTextAsync(ConfigFile, _header + body);

    /// Kills the process if it still runs; a second call does nothing.
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Process.DisposeAsync();
        _dir.Delete(recursive: true);
    }
}
