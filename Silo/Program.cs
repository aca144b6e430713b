using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Protocol;
using Natrium.Silo.Cli;
using Natrium.Silo.Hosting;

// args → options → host → run (STYLE.md: the composition root does nothing else).
InlineSocketCompletions.Enable();
InheritedHangup.TakeBack();
UnusedHeap.Enable();
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
    // nats-server's shape first, so harnesses that parse `nats-server: vX.Y.Z` keep working.
    var own = typeof(Program).Assembly.GetName().Version?.ToString(3);
    Console.WriteLine($"nats-server: v{ServerInfo.CompatibleVersion} (natrium v{own})");
    return 0;
}

if (cli.Signal is not null)
{
    return SignalCommand.Run(cli.Signal);
}

var (options, diagnostics) = ServerOptionsLoader.Load(cli);
if (options is null || cli.TestConfig)
{
    // No server will run: plain lines, as nats-server prints a config it refuses.
    foreach (var line in diagnostics.Errors.Concat(diagnostics.Warnings).Concat(diagnostics.StartWarnings).Concat(diagnostics.Notices))
    {
        Console.Error.WriteLine($"natrium: {line}");
    }
}

if (cli.TestConfig)
{
    // As nats-server -t: any error or warning fails the check.
    if (options is null || diagnostics.Warnings.Count > 0)
    {
        return 1;
    }

    Console.WriteLine($"natrium: configuration file {cli.ConfigFile} is valid");
    return 0;
}

if (options is null)
{
    return 1;
}

IHost built;
try
{
    built = NatriumHost.Build(options, cli, diagnostics);
}
catch (SyslogUnavailableException e)
{
    // nats-server exits when it cannot reach the syslog it was told to use.
    Console.Error.WriteLine($"natrium: {e.Message}");
    return 1;
}

using var host = built;
var siloLogger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Natrium.Silo");
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => StartupLog.ShuttingDown(siloLogger));

try
{
    // Bind before the silo starts so a busy port is one clear line, not a failed silo.
    foreach (var node in host.Services.GetServices<GatewayNode>())
    {
        node.Bind();
    }
}
catch (SocketException e)
{
    Console.Error.WriteLine($"natrium: {StartupFailure.ClientPort(e, options)}");
    return 1;
}

try
{
    await host.StartAsync();
}
catch (Exception e)
{
    Console.Error.WriteLine($"natrium: {StartupFailure.Describe(e, options)}");
    return 1;
}

await host.WaitForShutdownAsync();
StartupLog.Exiting(siloLogger);
return 0;
