using System.Globalization;

namespace Natrium.Silo.Cli;

/// nats-server's flags (spec/config.md §3) for what Natrium supports. Both `-p 4222` and
/// `-p=4222` forms are accepted, as Go's flag package does.
internal static class CommandLineParser
{
    public static (CommandLineOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var o = new CommandLineOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            string? Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                return i + 1 < args.Count ? args[++i] : null;
            }

            switch (flag)
            {
                case "-h" or "--help" or "-help":
                    o = o with { ShowHelp = true };
                    break;
                case "-v" or "--version" or "-version":
                    o = o with { ShowVersion = true };
                    break;
                case "-D" or "--debug" or "-debug":
                    o = o with { Debug = true };
                    break;
                case "-V" or "--trace" or "-trace" or "-VV":
                    o = o with { Trace = true };
                    break;
                case "-DV" or "-DVV":
                    o = o with { Debug = true, Trace = true };
                    break;
                case "-p" or "--port" or "-port":
                    if (!TryPort(Value(), out var port))
                    {
                        return (null, $"invalid value for flag {flag}: a port number is required");
                    }

                    o = o with { Port = port };
                    break;
                case "-a" or "--addr" or "-addr" or "--net" or "-net":
                    var host = Value();
                    if (string.IsNullOrWhiteSpace(host))
                    {
                        return (null, $"flag needs an argument: {flag}");
                    }

                    o = o with { Host = host };
                    break;
                case "-n" or "--name" or "-name" or "--server_name" or "-server_name":
                    var name = Value();
                    if (string.IsNullOrWhiteSpace(name))
                    {
                        return (null, $"flag needs an argument: {flag}");
                    }

                    o = o with { ServerName = name };
                    break;
                default:
                    return (null, $"flag provided but not defined: {args[i]}");
            }
        }

        return (o, null);
    }

    private static (string Flag, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith('-') && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    /// -1 means "any free port", as in nats-server.
    private static bool TryPort(string? text, out int port) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out port) && port is >= -1 and <= 65535;
}
