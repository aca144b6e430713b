using Microsoft.Extensions.Logging;
using Natrium.Silo.Cli;
using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;
using static Natrium.Tests.Unit.Conf.ConfText;

namespace Natrium.Tests.Unit.Conf;

/// Config keys → options, unknown and unsupported keys, and flags over the file.
public sealed class ServerOptionsMapperTests
{
    [Fact]
    public void Core_keys_map_to_gateway_options()
    {
        var (o, d) = Map("""
            listen: 127.0.0.1:5222
            server_name: n1
            max_payload: 2MB
            max_pending: 4MB
            max_control_line: 1KB
            max_conn: 10
            max_subs: 5
            ping_interval: "30s"
            ping_max: 3
            write_deadline: "2s"
            no_header_support: true
            http: 127.0.0.1:8222
            ports_file_dir: "/tmp"
            debug: true
            """);
        Assert.Empty(d.Errors);
        Assert.Empty(d.Warnings);
        var g = o.Gateways[0];
        Assert.Equal(("127.0.0.1", 5222), (g.Host, g.Port));
        Assert.Equal("n1", g.ServerName);
        Assert.Equal(2 * 1024 * 1024, g.MaxPayload);
        Assert.Equal(4 * 1024 * 1024, g.MaxPending);
        Assert.Equal(1024, g.MaxControlLine);
        Assert.Equal(10, g.MaxConnections);
        Assert.Equal(5, g.MaxSubscriptions);
        Assert.Equal(TimeSpan.FromSeconds(30), g.PingInterval);
        Assert.Equal(3, g.PingMax);
        Assert.Equal(TimeSpan.FromSeconds(2), g.WriteDeadline);
        Assert.True(g.NoHeaderSupport);
        Assert.Equal(("127.0.0.1", (int?)8222), (o.Monitoring.Host, o.Monitoring.Port));
        Assert.Equal("/tmp", o.PortsFileDir);
        Assert.Equal(LogLevel.Debug, o.LogLevel);
    }

    [Fact]
    public void Port_minus_one_means_any_free_port()
    {
        var (o, _) = Map("port: -1\nhttp_port: -1");
        Assert.Equal(0, o.Gateways[0].Port);
        Assert.Equal(0, o.Monitoring.Port);
    }

    [Fact]
    public void Unknown_field_is_an_error_at_its_position()
    {
        var (_, d) = Map("port: 1\n  foo: 1\nbar { x: 1 }");
        Assert.Equal(["t.conf:2:3: unknown field \"foo\"", "t.conf:3:1: unknown field \"bar\""], d.Errors);
    }

    [Fact]
    public void Variable_definitions_are_not_unknown_fields()
    {
        var (o, d) = Map("PORT_VAR = 5000\nport: $PORT_VAR");
        Assert.Empty(d.Errors);
        Assert.Equal(5000, o.Gateways[0].Port);
    }

    [Theory]
    [InlineData("resolver_tls { cert_file: x }")]
    public void Security_keys_not_implemented_yet_are_refused(string text)
    {
        var (_, d) = Map(text);
        Assert.Single(d.Errors);
        Assert.Contains("not supported by Natrium yet", d.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Other_known_keys_not_implemented_are_notices_that_keep_the_file_valid()
    {
        var (_, d) = Map("gateway { port: 7222 }\nmax_sub_tokens: 16\ncluster { port: 6222 }");
        Assert.Empty(d.Errors);
        Assert.Empty(d.Warnings);
        Assert.Equal(3, d.Notices.Count);
        Assert.StartsWith("t.conf:1:1: field \"gateway\"", d.Notices[0], StringComparison.Ordinal);
        Assert.Contains("cluster: field \"port\" is ignored", d.Notices[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_duration_is_seconds_with_nats_warning()
    {
        var (o, d) = Map("ping_interval: 2m");
        Assert.Equal(TimeSpan.FromSeconds(2_000_000), o.Gateways[0].PingInterval);
        Assert.Equal("t.conf:1:1: invalid use of field \"ping_interval\": ping_interval should be converted to a duration", Assert.Single(d.Warnings));
    }

    [Theory]
    [InlineData("port: \"abc\"", "t.conf:1:7: port: expected an integer, got string")]
    [InlineData("ping_interval: \"soon\"", "t.conf:1:16: ping_interval: invalid duration \"soon\"")]
    [InlineData("no_header_support: 3", "t.conf:1:20: no_header_support: expected a boolean, got integer")]
    [InlineData("port: 70000", "t.conf:1:7: port: 70000 is out of range (-1 to 65535)")]
    public void Wrong_types_name_the_field_and_position(string text, string expected)
    {
        var (_, d) = Map(text);
        Assert.Equal(expected, Assert.Single(d.Errors));
    }

    [Fact]
    public void Flags_override_the_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "port: 1111\nserver_name: file-name\nmax_payload: 1KB\n");
            var (cli, _) = CommandLineParser.Parse(["-c", path, "-p", "2222", "-n", "flag-name"]);
            var (options, diagnostics) = ServerOptionsLoader.Load(cli!);
            Assert.Empty(diagnostics.Errors);
            Assert.Equal(2222, options!.Gateways[0].Port);
            Assert.Equal("flag-name", options.Gateways[0].ServerName);
            Assert.Equal(1024, options.Gateways[0].MaxPayload);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Max_payload_above_max_pending_is_a_startup_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "max_payload: 2MB\nmax_pending: 1MB\n");
            var (options, diagnostics) = ServerOptionsLoader.Load(new CommandLineOptions { ConfigFile = path });
            Assert.Null(options);
            Assert.Contains(diagnostics.Errors, e => e.Contains("can not be higher than max_pending", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
