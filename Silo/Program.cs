using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Natrium.Gateway.Hosting;
using Natrium.Silo.Cli;
using Natrium.Silo.Hosting;

// args → options → host → run (STYLE.md: the composition root does nothing else).
var (cli, error) = CommandLineParser.Parse(args);
if (cli is null)
{
    Console.Error.WriteLine($"natrium: {error}");
    Console.Error.WriteLine("Usage: natrium [options]; see natrium --help");
    return 1;
}

if (cli.ShowHelp)
{
    Console.WriteLine(Usage.Text);
    return 0;
}

if (cli.ShowVersion)
{
    Console.WriteLine($"natrium: v{typeof(Program).Assembly.GetName().Version?.ToString(3)}");
    return 0;
}

var gateway = GatewayOptions.Default with
{
    Host = cli.Host ?? GatewayOptions.Default.Host,
    Port = cli.Port is int p ? Math.Max(p, 0) : GatewayOptions.DefaultPort,
    ServerName = cli.ServerName,
};

var problems = GatewayOptionsValidator.Validate(gateway);
if (problems.Count > 0)
{
    Console.Error.WriteLine($"natrium: {problems[0]}");
    return 1;
}

using var host = NatriumHost.Build([gateway], cli.LogLevel);
try
{
    // Bind before the silo starts so a busy port is one clear line, not a failed silo.
    foreach (var node in host.Services.GetServices<GatewayNode>())
    {
        node.Bind();
    }

    await host.StartAsync();
}
catch (Exception e) when (StartupFailure.Describe(e, gateway) is { } reason)
{
    Console.Error.WriteLine($"natrium: {reason}");
    return 1;
}

await host.WaitForShutdownAsync();
return 0;
