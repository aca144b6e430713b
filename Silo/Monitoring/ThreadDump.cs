using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace Natrium.Silo.Monitoring;

/// Every managed thread's stack, as a goroutine dump lists every goroutine's, for /stacksz.
/// .NET cannot walk other threads' stacks from inside the process, so the runtime writes a
/// triage dump of this process (its `createdump`, through the diagnostics port: the process is
/// paused while it is written, about a second here), ClrMD reads the stacks back, and the file
/// is deleted. So that the monitoring port cannot keep the broker paused, one dump at a time
/// (a request meanwhile gets null and the caller falls back) and at most one per MinInterval
/// (requests in between get the last one, marked with its age).
internal static class ThreadDump
{
    // Bounds on what one answer may hold, whatever the process looks like.
    public const int MaxFramesPerThread = 200;
    public const int MaxChars = 4 * 1024 * 1024;
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static (string Text, DateTimeOffset Taken)? _last;

    /// The dump as text, or null when another is being taken. Throws when the runtime cannot
    /// write or ClrMD cannot read the dump (no createdump, diagnostics disabled, no DAC).
    public static async Task<string?> TryTakeAsync(CancellationToken cancellation)
    {
        if (!await OneAtATime.WaitAsync(0, cancellation))
        {
            return null;
        }

        // A directory only this user can enter (mkdtemp, 0700): thread stacks may hold secrets.
        DirectoryInfo? directory = null;
        try
        {
            var now = DateTimeOffset.UtcNow;
            if (_last is var (text, taken) && now - taken < MinInterval)
            {
                return $"stack dump taken {(now - taken).TotalSeconds:0.0}s ago (one per {MinInterval.TotalSeconds:0}s)\n" + text;
            }

            directory = Directory.CreateTempSubdirectory("natrium-stacks-");
            var path = Path.Combine(directory.FullName, "stacks.dmp");
            await new DiagnosticsClient(Environment.ProcessId).WriteDumpAsync(DumpType.Triage, path, logDumpGeneration: false, cancellation);
            var dump = Read(path);
            _last = (dump, DateTimeOffset.UtcNow);
            return dump;
        }
        finally
        {
            directory?.Delete(recursive: true);
            OneAtATime.Release();
        }
    }

    private static string Read(string path)
    {
        using var target = DataTarget.LoadDump(path);
        // The DAC of the runtime this process runs on, which wrote the dump.
        var dac = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), DacFileName);
        using var runtime = target.ClrVersions[0].CreateRuntime(dac, ignoreMismatch: true);
        var text = new StringBuilder();
        var threads = runtime.Threads.Where(t => t.IsAlive).ToList();
        text.Append("process ").Append(Environment.ProcessId).Append(": ").Append(threads.Count).Append(" managed threads\n\n");
        foreach (var thread in threads)
        {
            if (text.Length >= MaxChars)
            {
                text.Append("… truncated at ").Append(MaxChars).Append(" characters\n");
                break;
            }

            WriteThread(text, thread);
        }

        return text.ToString();
    }

    // thread <managed id> [os <id>] "<name>" (<role>):
    //     <frame>
    private static void WriteThread(StringBuilder text, ClrThread thread)
    {
        text.Append("thread ").Append(thread.ManagedThreadId).Append(" [os ").Append(thread.OSThreadId).Append(']');
        if (OsThreadName(thread.OSThreadId) is { Length: > 0 } name)
        {
            text.Append(" \"").Append(name).Append('"');
        }

        if (thread.IsFinalizer)
        {
            text.Append(" (finalizer)");
        }
        else if (thread.IsGc)
        {
            text.Append(" (gc)");
        }

        text.Append(":\n");
        var frames = 0;
        foreach (var frame in thread.EnumerateStackTrace())
        {
            if (++frames > MaxFramesPerThread)
            {
                text.Append("    … more frames\n");
                break;
            }

            var line = frame.Kind == ClrStackFrameKind.ManagedMethod ? frame.Method?.Signature ?? frame.ToString() : frame.ToString();
            if (!string.IsNullOrWhiteSpace(line))
            {
                text.Append("    ").Append(line).Append('\n');
            }
        }

        text.Append('\n');
    }

    // The runtime gives each named managed thread's OS thread that name (cut to 15 bytes).
    private static string? OsThreadName(uint osId)
    {
        try
        {
            return File.ReadAllText($"/proc/self/task/{osId}/comm").TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string DacFileName =>
        OperatingSystem.IsWindows() ? "mscordaccore.dll" : OperatingSystem.IsMacOS() ? "libmscordaccore.dylib" : "libmscordaccore.so";
}
