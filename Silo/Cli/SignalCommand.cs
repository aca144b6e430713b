using System.Diagnostics;
using System.Globalization;

namespace Natrium.Silo.Cli;

/// `--signal <name>=<pid>` (nats-server's -sl): reload → SIGHUP; stop, quit, term → SIGTERM.
internal static class SignalCommand
{
    public static int Run(string argument)
    {
        var parts = argument.Split('=', 2);
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            Console.Error.WriteLine("natrium: --signal needs <signal>=<pid>, e.g. --signal reload=1234");
            return 1;
        }

        var name = parts[0].ToLowerInvariant() switch
        {
            "reload" => "HUP",
            "stop" or "quit" or "term" => "TERM",
            _ => null,
        };
        if (name is null)
        {
            Console.Error.WriteLine($"natrium: unknown signal \"{parts[0]}\" (reload, stop, quit, term)");
            return 1;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + name, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
