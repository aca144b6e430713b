using Natrium.Silo.Cli;
using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.LameDuck;
using Natrium.Silo.Mapping;
using static Natrium.Tests.Unit.Conf.ConfText;

namespace Natrium.Tests.Unit.Conf;

/// lame_duck_duration and lame_duck_grace_period with nats-server 2.9.10's defaults and texts
/// (spec/monitoring_cluster.md §12), and the test-only flag that goes below the minimum.
public sealed class LameDuckConfigTests
{
    [Fact]
    public void Absent_keys_give_two_minutes_and_ten_seconds()
    {
        var (o, d) = Map("port: 4222");
        Assert.Empty(d.Errors);
        Assert.Equal((TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10)), (o.LameDuck.Duration, o.LameDuck.GracePeriod));
    }

    [Fact]
    public void Durations_map_without_notices()
    {
        var (o, d) = Map("lame_duck_duration: \"1m30s\"\nlame_duck_grace_period: \"0s\"");
        Assert.Empty(d.Errors);
        Assert.Empty(d.Warnings);
        Assert.Empty(d.Notices);
        Assert.Equal((TimeSpan.FromSeconds(90), TimeSpan.Zero), (o.LameDuck.Duration, o.LameDuck.GracePeriod));
    }

    [Theory]
    [InlineData("lame_duck_duration: \"6s\"", "t.conf:1:1: invalid lame_duck_duration of 6s, minimum is 30 seconds")]
    [InlineData("lame_duck_duration: \"29.5s\"", "t.conf:1:1: invalid lame_duck_duration of 29.5s, minimum is 30 seconds")]
    [InlineData("lame_duck_duration: \"500ms\"", "t.conf:1:1: invalid lame_duck_duration of 500ms, minimum is 30 seconds")]
    [InlineData("lame_duck_duration: \"abc\"", "t.conf:1:1: error parsing lame_duck_duration: time: invalid duration \"abc\"")]
    [InlineData("lame_duck_grace_period: \"-1s\"", "t.conf:1:1: invalid lame_duck_grace_period, needs to be positive")]
    [InlineData("lame_duck_grace_period: \"soon\"", "t.conf:1:1: error parsing lame_duck_grace_period: time: invalid duration \"soon\"")]
    [InlineData("lame_duck_duration: 40", "t.conf:1:21: lame_duck_duration: expected a string, got integer")]
    public void Bad_values_are_errors_with_nats_server_texts(string text, string expected)
    {
        var (o, d) = Map(text);
        Assert.Equal(expected, Assert.Single(d.Errors));
        Assert.Equal(new LameDuckOptions(), o.LameDuck);
    }

    [Theory]
    [InlineData("lame_duck_duration: \"30s\"\nlame_duck_grace_period: \"30s\"\n", "lame duck grace period (30s) should be strictly lower than lame duck duration (30s)")]
    [InlineData("lame_duck_grace_period: \"3m\"\n", "lame duck grace period (3m0s) should be strictly lower than lame duck duration (2m0s)")]
    public void A_grace_period_not_below_the_duration_fails_the_check(string text, string expected)
    {
        var (options, diagnostics) = Load(text, [], _ => null);
        Assert.Null(options);
        Assert.Equal(expected, Assert.Single(diagnostics.Errors));
    }

    [Fact]
    public void The_test_flag_is_refused_without_its_environment_variable()
    {
        var (options, diagnostics) = Load("lame_duck_grace_period: \"1s\"\n", ["--lame_duck_duration_for_tests", "3s"], _ => null);
        Assert.Null(options);
        Assert.Equal("--lame_duck_duration_for_tests is for Natrium's own tests only; refused unless NATRIUM_TEST_FLAGS=1 is set", Assert.Single(diagnostics.Errors));
    }

    [Fact]
    public void The_test_flag_goes_below_the_minimum_when_its_environment_variable_is_set()
    {
        var environment = (string name) => name == TestFlags.EnvironmentVariable ? "1" : null;
        var (options, diagnostics) = Load("lame_duck_grace_period: \"1s\"\n", ["--lame_duck_duration_for_tests", "3s"], environment);
        Assert.Empty(diagnostics.Errors);
        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1)), (options!.LameDuck.Duration, options.LameDuck.GracePeriod));

        // Still checked against the grace period it must exceed.
        var (_, tooShort) = Load("lame_duck_grace_period: \"5s\"\n", ["--lame_duck_duration_for_tests", "3s"], environment);
        Assert.Equal("lame duck grace period (5s) should be strictly lower than lame duck duration (3s)", Assert.Single(tooShort.Errors));
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("soon")]
    public void The_test_flag_needs_a_positive_duration(string value)
    {
        var (cli, error) = CommandLineParser.Parse(["--lame_duck_duration_for_tests", value]);
        Assert.Null(cli);
        Assert.Equal($"invalid value \"{value}\" for flag --lame_duck_duration_for_tests: a positive duration such as \"3s\" is required", error);
    }

    private static (ServerOptions? Options, ConfDiagnostics Diagnostics) Load(string text, string[] flags, Func<string, string?> environment)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, text);
            var (cli, error) = CommandLineParser.Parse(["-c", file, .. flags]);
            Assert.Null(error);
            return ServerOptionsLoader.Load(cli!, environment);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
