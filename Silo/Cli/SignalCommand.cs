using System.Diagnostics;
using System.Globalization;

namespace Natrium.Silo.Cli;

/// `--signal <name>=<pid>` (nats-server's -sl): reload → SIGHUP; ldm → SIGUSR2 (lame duck mode);
/// stop, quit, term → SIGTERM. As in nats-server, <pid> may also be the path of a file holding
/// the pid.
internal static class SignalCommand
{
    public static int Run(string argument)
    {
        var parts = argument.Split('=', 2);
        if (parts.Length != 2 || Pid(parts[1]) is not { } pid)
        {
            Console.Error.WriteLine("natrium: --signal needs <signal>=<pid> or <signal>=<pid file>, e.g. --signal reload=1234");
            return 1;
        }

        var name = parts[0].ToLowerInvariant() switch
        {
            "reload" => "HUP",
            "ldm" => "USR2",
            "stop" or "quit" or "term" => "TERM",
            _ => null,
        };
        if (name is null)
        {
            Console.Error.WriteLine($"natrium: unknown signal \"{parts[0]}\" (reload, ldm, stop, quit, term)");
            return 1;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + name, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }

    /// A number, else the content of the file of that name (nats-server's maybeReadPidFile).
    private static int? Pid(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && File.Exists(text))
        {
            int.TryParse(File.ReadAllText(text).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pid);
        }

        return pid > 0 ? pid : null;
    }
}
