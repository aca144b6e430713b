using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;

namespace Natrium.Silo.Cli;

/// Flags for Natrium's own tests, which must not wait nats-server's minimum lame duck duration
/// (nats-server's tests set it below the minimum in code). Refused unless the environment has
/// NATRIUM_TEST_FLAGS=1, so a deployment cannot run with a setting nats-server would refuse.
internal static class TestFlags
{
    public const string EnvironmentVariable = "NATRIUM_TEST_FLAGS";

    public static ServerOptions Apply(ServerOptions options, CommandLineOptions cli, Func<string, string?> environment, ConfDiagnostics diagnostics)
    {
        if (cli.LameDuckDurationForTests is not { } duration)
        {
            return options;
        }

        if (environment(EnvironmentVariable) != "1")
        {
            diagnostics.Errors.Add($"--lame_duck_duration_for_tests is for Natrium's own tests only; refused unless {EnvironmentVariable}=1 is set");
            return options;
        }

        return options with { LameDuck = options.LameDuck with { Duration = duration } };
    }
}
