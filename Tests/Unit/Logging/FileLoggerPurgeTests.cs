using Microsoft.Extensions.Logging;
using Natrium.Silo.Hosting;

namespace Natrium.Tests.Unit.Logging;

/// logfile_max_num (nats-server 2.10+, logger/log.go): after a rotation only that many log
/// files remain, the current one included; the oldest backups go first, each with a
/// `Purged log file "<name>"` line, and files that are not backups are left alone.
public sealed class FileLoggerPurgeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("natrium-purge-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Log_max_num_keeps_the_newest_backups_and_leaves_other_files()
    {
        var log = Path.Combine(_dir.FullName, "n.log");
        File.WriteAllText(log + ".2020.01.01.00.00.00.000000001", "old\n");
        File.WriteAllText(log + ".2020.01.01.00.00.01.000000001", "older but newer\n");
        File.WriteAllText(log + ".notes", "not a backup\n");
        var clock = new SteppingClock();
        using (var provider = new FileLoggerProvider(log, 100, Formatter(clock), clock) { MaxFiles = 2 })
        {
            var logger = provider.CreateLogger("Natrium.Silo");
            for (var i = 0; i < 12; i++)
            {
                logger.LogInformation("line {Number} of some length to pass the limit", i);
            }
        }

        var backups = _dir.GetFiles("n.log.2*").Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Single(backups);
        Assert.StartsWith("n.log.2026.", backups[0], StringComparison.Ordinal);
        Assert.True(File.Exists(log + ".notes"));
        // The last rotation's lines open the current file: the backup it made, then the one it purged.
        var current = File.ReadAllLines(log);
        Assert.Matches(@"\[INF\] Rotated log, backup saved as "".*n\.log\.2026\.[\d.]+""$", current[0]);
        Assert.Matches(@"\[INF\] Purged log file ""n\.log\.2026\.[\d.]+""$", current[1]);
        // Every line passes the limit here, so the last one went to the backup that is kept.
        Assert.Contains("line 11 of some length", File.ReadAllText(Path.Combine(_dir.FullName, backups[0])), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_max_num_zero_keeps_every_backup()
    {
        var log = Path.Combine(_dir.FullName, "n.log");
        var clock = new SteppingClock();
        using (var provider = new FileLoggerProvider(log, 100, Formatter(clock), clock))
        {
            var logger = provider.CreateLogger("Natrium.Silo");
            for (var i = 0; i < 12; i++)
            {
                logger.LogInformation("line {Number} of some length to pass the limit", i);
            }
        }

        Assert.True(_dir.GetFiles("n.log.2*").Length >= 5);
        Assert.DoesNotContain("Purged", string.Concat(_dir.GetFiles().Select(f => File.ReadAllText(f.FullName))), StringComparison.Ordinal);
    }

    private static NatsLogFormatter Formatter(TimeProvider clock) => new(new NatsLogFormatterOptions { LogTime = false }, clock);

    /// A second later at each reading, so every backup gets its own name.
    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override DateTimeOffset GetUtcNow() => _now = _now.AddSeconds(1);
    }
}
