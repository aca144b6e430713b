using Microsoft.Extensions.Logging;
using Natrium.Silo.Cli;
using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;
using static Natrium.Tests.Unit.Conf.ConfText;

namespace Natrium.Tests.Unit.Conf;

/// trace_verbose, max_traced_msg_len, syslog, remote_syslog and logfile_max_num (and the flags
/// -VV, -DVV, --max_traced_msg_len, -s, -r), read as nats-server reads them.
public sealed class LoggingSinkConfigTests
{
    [Fact]
    public void Logging_sink_keys_map_to_options_without_warnings()
    {
        var (o, d) = Map("trace_verbose: true\nmax_traced_msg_len: 64\nsyslog: true\nremote_syslog: \"udp://127.0.0.1:514\"\nlogfile_max_num: 5\n");

        Assert.Empty(d.Errors);
        Assert.Empty(d.Notices);
        Assert.Equal((LogLevel.Trace, true, 64), (o.LogLevel, o.Gateways[0].TraceVerbose, o.Gateways[0].MaxTracedMsgLen));
        Assert.Equal((true, "udp://127.0.0.1:514", 5L), (o.Syslog, o.RemoteSyslog, o.LogMaxFiles));
    }

    [Fact]
    public void Logging_log_max_num_alias_and_defaults()
    {
        Assert.Equal(3L, Map("log_max_num: 3\n").Options.LogMaxFiles);
        var (o, _) = Map("port: 4222\n");
        Assert.Equal((false, null, 0L, false, 0), (o.Syslog, o.RemoteSyslog, o.LogMaxFiles, o.Gateways[0].TraceVerbose, o.Gateways[0].MaxTracedMsgLen));
        Assert.Equal(LogLevel.Information, o.LogLevel);
    }

    [Fact]
    public void Logging_trace_verbose_false_leaves_trace_as_it_is()
    {
        var (o, _) = Map("trace_verbose: false\n");

        Assert.Equal((LogLevel.Information, false), (o.LogLevel, o.Gateways[0].TraceVerbose));
    }

    [Theory]
    [InlineData("-V", false, false)]
    [InlineData("-VV", true, false)]
    [InlineData("-DVV", true, true)]
    [InlineData("-DV", false, true)]
    public void Logging_verbose_trace_flags(string flag, bool verbose, bool debug)
    {
        var (cli, error) = CommandLineParser.Parse([flag]);

        var merged = CommandLineOverrides.Apply(new ServerOptions(), cli!);

        Assert.Null(error);
        Assert.Equal((true, verbose, debug), (cli!.Trace, merged.Gateways[0].TraceVerbose, cli.Debug));
        Assert.Equal(LogLevel.Trace, merged.LogLevel);
    }

    [Fact]
    public void Logging_syslog_and_trace_length_flags_override_the_file()
    {
        var (o, _) = Map("max_traced_msg_len: 10\nremote_syslog: \"udp://127.0.0.1:1\"\n");
        var (cli, error) = CommandLineParser.Parse(["-s", "-r", "tcp://127.0.0.1:2", "--max_traced_msg_len", "5"]);

        var merged = CommandLineOverrides.Apply(o, cli!);

        Assert.Null(error);
        Assert.Equal((true, "tcp://127.0.0.1:2", 5), (merged.Syslog, merged.RemoteSyslog, merged.Gateways[0].MaxTracedMsgLen));
    }

    [Theory]
    [InlineData("--syslog=false", false)]
    [InlineData("-syslog", true)]
    [InlineData("-remote_syslog=udp://h:1", null)]
    public void Logging_syslog_flags_take_go_forms(string flag, bool? syslog)
    {
        var (cli, error) = CommandLineParser.Parse([flag]);

        Assert.Null(error);
        Assert.Equal(syslog, cli!.Syslog);
    }

    [Theory]
    [InlineData("foo://127.0.0.1:514", "error invalid network type: \"foo\"")]
    [InlineData("udp://127.0.0.1", "remote_syslog: \"udp://127.0.0.1\" needs a host and a port")]
    public void Logging_bad_remote_syslog_is_a_config_error(string url, string expected)
    {
        var (options, diagnostics) = ServerOptionsLoader.Load(new CommandLineOptions { RemoteSyslog = url }, _ => null);

        Assert.Null(options);
        Assert.Contains(expected, diagnostics.Errors);
    }

    [Fact]
    public void Logging_bad_max_traced_msg_len_flag_is_refused()
    {
        var (cli, error) = CommandLineParser.Parse(["--max_traced_msg_len", "many"]);

        Assert.Null(cli);
        Assert.Equal("invalid value \"many\" for flag --max_traced_msg_len: parse error", error);
    }
}
