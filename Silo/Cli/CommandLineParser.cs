using System.Globalization;

namespace Natrium.Silo.Cli;

/// nats-server's flags (spec/config.md §3) for what Natrium supports. Both `-p 4222` and
/// `-p=4222` forms are accepted, as Go's flag package does, with one or two dashes.
internal static class CommandLineParser
{
    public static (CommandLineOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var o = new CommandLineOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            string? Value() => inline ?? (i + 1 < args.Count ? args[++i] : null);
            string? error = null;
            switch (flag)
            {
                case "-h" or "--help":
                    o = o with { ShowHelp = true };
                    break;
                case "-v" or "--version":
                    o = o with { ShowVersion = true };
                    break;
                case "-D" or "--debug":
                    o = o with { Debug = true };
                    break;
                case "-V" or "--trace":
                    o = o with { Trace = true };
                    break;
                case "-VV":
                    o = o with { Trace = true, TraceVerbose = true };
                    break;
                case "-DV":
                    o = o with { Debug = true, Trace = true };
                    break;
                case "-DVV":
                    o = o with { Debug = true, Trace = true, TraceVerbose = true };
                    break;
                case "--max_traced_msg_len":
                    o = o with { MaxTracedMsgLen = Int(flag, Value(), ref error) };
                    break;
                case "-s" or "--syslog":
                    o = o with { Syslog = Bool(flag, inline, ref error) };
                    break;
                case "-r" or "--remote_syslog":
                    o = o with { RemoteSyslog = Required(flag, Value(), ref error) };
                    break;
                case "-t":
                    o = o with { TestConfig = true };
                    break;
                case "-js" or "--jetstream":
                    o = o with { JetStream = true };
                    break;
                case "-c" or "--config":
                    o = o with { ConfigFile = Required(flag, Value(), ref error) };
                    break;
                case "-sd" or "--store_dir":
                    o = o with { StoreDir = Required(flag, Value(), ref error) };
                    break;
                case "--cluster_name":
                    o = o with { ClusterName = Required(flag, Value(), ref error) };
                    break;
                case "--client_advertise":
                    o = o with { ClientAdvertise = Required(flag, Value(), ref error) };
                    break;
                case "--cluster_id":
                    o = o with { ClusterId = Required(flag, Value(), ref error) };
                    break;
                case "--redis":
                    o = o with { Redis = Required(flag, Value(), ref error) };
                    break;
                case "--silo_port":
                    o = o with { SiloPort = Port(flag, Value(), ref error) };
                    break;
                case "--advertise":
                    o = o with { SiloAdvertise = Required(flag, Value(), ref error) };
                    break;
                case "--ports_file_dir":
                    o = o with { PortsFileDir = Required(flag, Value(), ref error) };
                    break;
                case "--user":
                    o = o with { User = Required(flag, Value(), ref error) };
                    break;
                case "--pass":
                    o = o with { Password = Required(flag, Value(), ref error) };
                    break;
                case "--auth":
                    o = o with { Token = Required(flag, Value(), ref error) };
                    break;
                case "--tls":
                    o = o with { Tls = true };
                    break;
                case "--tlsverify":
                    o = o with { Tls = true, TlsVerify = true };
                    break;
                case "--tlscert":
                    o = o with { TlsCert = Required(flag, Value(), ref error) };
                    break;
                case "--tlskey":
                    o = o with { TlsKey = Required(flag, Value(), ref error) };
                    break;
                case "--tlscacert":
                    o = o with { TlsCaCert = Required(flag, Value(), ref error) };
                    break;
                case "-l" or "--log":
                    o = o with { LogFile = Required(flag, Value(), ref error) };
                    break;
                case "-T" or "--logtime":
                    o = o with { LogTime = Bool(flag, inline, ref error) };
                    break;
                case "--log_size_limit":
                    o = o with { LogSizeLimit = Size(flag, Value(), ref error) };
                    break;
                case "-sl" or "--signal":
                    o = o with { Signal = Required(flag, Value(), ref error) };
                    break;
                case "-a" or "--addr" or "--net":
                    o = o with { Host = Required(flag, Value(), ref error) };
                    break;
                case "-n" or "--name" or "--server_name":
                    o = o with { ServerName = Required(flag, Value(), ref error) };
                    break;
                case "-p" or "--port":
                    o = o with { Port = Port(flag, Value(), ref error) };
                    break;
                case "-m" or "--http_port":
                    o = o with { HttpPort = Port(flag, Value(), ref error) };
                    break;
                case "--lame_duck_duration_for_tests":
                    o = o with { LameDuckDurationForTests = Duration(flag, Value(), ref error) };
                    break;
                case "-ms" or "--https_port":
                    o = o with { HttpsPort = Port(flag, Value(), ref error) };
                    break;
                default:
                    return (null, $"flag provided but not defined: {args[i]}");
            }

            if (error is not null)
            {
                return (null, error);
            }
        }

        return (o, null);
    }

    /// Go's flag package takes `-flag` and `--flag` alike.
    private static (string Flag, string? Inline) Split(string arg)
    {
        if (!arg.StartsWith('-'))
        {
            return (arg, null);
        }

        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        var flag = eq > 0 ? arg[..eq] : arg;
        var inline = eq > 0 ? arg[(eq + 1)..] : null;
        if (!flag.StartsWith("--", StringComparison.Ordinal) && flag.Length > 3 && Known("--" + flag[1..]))
        {
            flag = "-" + flag;
        }

        return (flag, inline);
    }

    private static bool Known(string longFlag) => longFlag is "--help" or "--version" or "--debug" or "--trace"
        or "--jetstream" or "--config" or "--store_dir" or "--ports_file_dir" or "--addr" or "--net" or "--name"
        or "--server_name" or "--port" or "--http_port" or "--https_port" or "--log" or "--logtime" or "--log_size_limit" or "--signal" or "--user" or "--pass" or "--auth" or "--tls" or "--tlscert" or "--tlskey"
        or "--tlscacert" or "--tlsverify" or "--cluster_name" or "--client_advertise" or "--cluster_id" or "--redis"
        or "--silo_port" or "--advertise" or "--syslog" or "--remote_syslog" or "--max_traced_msg_len";

    private static string? Required(string flag, string? value, ref string? error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            error = $"flag needs an argument: {flag}";
        }

        return value;
    }

    /// Go's bool flags: `-T` is true, `-T=false` false; a separate word is not its value.
    private static bool? Bool(string flag, string? inline, ref string? error)
    {
        if (inline is null || bool.TryParse(inline, out var value) && value)
        {
            return true;
        }

        if (inline is "0" or "f" or "F" || bool.TryParse(inline, out _))
        {
            return false;
        }

        if (inline is "1" or "t" or "T")
        {
            return true;
        }

        error = $"invalid boolean value \"{inline}\" for -{flag.TrimStart('-')}: parse error";
        return null;
    }

    /// Go's int flag: a decimal number, signed.
    private static int? Int(string flag, string? text, ref string? error)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        error = $"invalid value \"{text}\" for flag {flag}: parse error";
        return null;
    }

    private static long? Size(string flag, string? text, ref string? error)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return size;
        }

        error = $"invalid value \"{text}\" for flag {flag}: a size in bytes is required";
        return null;
    }

    private static TimeSpan? Duration(string flag, string? text, ref string? error)
    {
        if (text is not null && Natrium.Silo.Conf.ConfDuration.TryParse(text, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        error = $"invalid value \"{text}\" for flag {flag}: a positive duration such as \"3s\" is required";
        return null;
    }

    private static int? Port(string flag, string? text, ref string? error)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port) && port is >= -1 and <= 65535)
        {
            return port;
        }

        error = $"invalid value \"{text}\" for flag {flag}: a port number (or -1 for any free port) is required";
        return null;
    }
}
