namespace Natrium.Silo.Hosting;

/// The name this process was started under: argv[0]'s base name, as nats-server uses it for its
/// ports file and syslog tag. Read from /proc, so a link named `nats-server` (which client test
/// harnesses start from PATH) gives `nats-server`; `natrium` when run through `dotnet` or where
/// /proc is missing.
internal static class ProgramName
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        try
        {
            var cmdline = File.ReadAllText("/proc/self/cmdline");
            var first = Path.GetFileNameWithoutExtension(cmdline.Split('\0')[0]);
            return first.Length == 0 || first == "dotnet" ? "natrium" : first;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "natrium";
        }
    }
}
