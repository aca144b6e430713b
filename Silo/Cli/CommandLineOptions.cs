using Microsoft.Extensions.Logging;

namespace Natrium.Silo.Cli;

/// What the command line asked for. Null means "not given", so a config file value (or the
/// default) applies: flags override the file, as in nats-server.
internal sealed record CommandLineOptions
{
    public bool ShowHelp { get; init; }
    public bool ShowVersion { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? ServerName { get; init; }
    public bool Debug { get; init; }
    public bool Trace { get; init; }

    public LogLevel LogLevel => Trace ? LogLevel.Trace : Debug ? LogLevel.Debug : LogLevel.Information;
}
