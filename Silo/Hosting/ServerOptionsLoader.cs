using Natrium.Gateway.Hosting;
using Natrium.Silo.Cli;
using Natrium.Silo.Conf;
using Natrium.Silo.Mapping;

namespace Natrium.Silo.Hosting;

/// Config file (if any) → options, then the command line over it, then validation.
/// Used at start, by -t, and on reload.
internal static class ServerOptionsLoader
{
    public static (ServerOptions? Options, ConfDiagnostics Diagnostics) Load(CommandLineOptions cli, Func<string, string?>? environment = null)
    {
        var diagnostics = new ConfDiagnostics();
        var options = new ServerOptions();
        if (cli.ConfigFile is not null)
        {
            try
            {
                var root = ConfParser.ParseFile(cli.ConfigFile, environment);
                options = ServerOptionsMapper.Map(root, diagnostics);
            }
            catch (ConfException e)
            {
                diagnostics.Error(e.Position, e.Message);
            }
        }

        options = CommandLineOverrides.Apply(options, cli);
        foreach (var problem in options.Gateways.SelectMany(GatewayOptionsValidator.Validate))
        {
            diagnostics.Errors.Add(problem);
        }

        return (diagnostics.Errors.Count == 0 ? options : null, diagnostics);
    }
}
