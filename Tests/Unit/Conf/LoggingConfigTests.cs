using Natrium.Silo.Cli;
using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;
using static Natrium.Tests.Unit.Conf.ConfText;

namespace Natrium.Tests.Unit.Conf;

/// logtime, logtime_utc, log_file and log_size_limit (and their flags), as nats-server 2.9.10 reads them.
public sealed class LoggingConfigTests
{
    [Fact]
    public void Logging_keys_map_to_options()
    {
        var (o, d) = Map("log_file: \"/tmp/n.log\"\nlogtime: false\nlogtime_utc: true\nlogfile_size_limit: 10MB\n");

        Assert.Empty(d.Errors);
        Assert.Empty(d.Warnings);
        Assert.Empty(d.Notices);
        Assert.Equal(("/tmp/n.log", false, true, 10L * 1024 * 1024), (o.LogFile, o.LogTime, o.LogTimeUtc, o.LogSizeLimit));
    }

    [Fact]
    public void Logging_defaults_timestamps_and_no_rotation()
    {
        var (o, _) = Map("port: 4222\n");

        Assert.Equal((null, true, false, 0L), (o.LogFile, o.LogTime, o.LogTimeUtc, o.LogSizeLimit));
    }

    [Fact]
    public void Logging_log_size_limit_alias_is_read()
    {
        var (o, d) = Map("log_size_limit: 2048\n");

        Assert.Empty(d.Notices);
        Assert.Equal(2048, o.LogSizeLimit);
    }

    [Theory]
    [InlineData("-T=false", false)]
    [InlineData("--logtime=false", false)]
    [InlineData("-T=0", false)]
    [InlineData("-T", true)]
    [InlineData("-T=true", true)]
    public void Logging_logtime_flag_is_a_go_bool_flag(string flag, bool expected)
    {
        var (cli, error) = CommandLineParser.Parse([flag]);

        Assert.Null(error);
        Assert.Equal(expected, cli!.LogTime);
    }

    [Fact]
    public void Logging_flags_override_the_file()
    {
        var (o, _) = Map("logtime: true\nlog_size_limit: 1000\n");
        var (cli, error) = CommandLineParser.Parse(["-T=false", "--log_size_limit", "500", "-l", "x.log"]);

        var merged = CommandLineOverrides.Apply(o, cli!);

        Assert.Null(error);
        Assert.Equal(("x.log", false, 500L), (merged.LogFile, merged.LogTime, merged.LogSizeLimit));
    }

    [Theory]
    [InlineData("-T=maybe")]
    [InlineData("--log_size_limit=-1")]
    [InlineData("--log_size_limit=big")]
    public void Logging_bad_flag_values_are_refused(string flag)
    {
        var (cli, error) = CommandLineParser.Parse([flag]);

        Assert.Null(cli);
        Assert.NotNull(error);
    }
}
