using System.Runtime.InteropServices;

namespace Natrium.Tests.TestKit;

/// kill(2), to send SIGTERM/SIGHUP the way a service manager does (Process.Kill sends SIGKILL).
internal static class Posix
{
    public const int SigHup = 1;
    public const int SigTerm = 15;

    /// Linux's SIGSTOP and SIGCONT: a process that stops answering without dying.
    public const int SigStop = 19;
    public const int SigCont = 18;

    public static void Kill(int pid, int signal)
    {
        if (NativeKill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int NativeKill(int pid, int signal);
}
