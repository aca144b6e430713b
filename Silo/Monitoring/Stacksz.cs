using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Natrium.Silo.Monitoring;

/// GET /stacksz: nats-server dumps every goroutine's stack; Natrium dumps every managed
/// thread's (ThreadDump). When that cannot be done (another dump under way, no createdump or
/// diagnostics port, no DAC) it says so and writes what it can see without stopping anything:
/// the process's threads (id, state, wait reason, CPU time), the thread pool's counts, and the
/// stack of the thread serving the request. Served with nats-server's header (application/json
/// over a plain-text body).
internal static class Stacksz
{
    public static async Task WriteAsync(HttpContext context)
    {
        string? dump;
        string reason;
        try
        {
            dump = await ThreadDump.TryTakeAsync(context.RequestAborted);
            reason = "another stack dump is being taken";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The type only: the message may name paths of this machine.
            dump = null;
            reason = "the stack dump failed (" + e.GetType().Name + ")";
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(dump ?? Fallback(reason));
    }

    private static string Fallback(string reason)
    {
        var text = new StringBuilder();
        text.Append(reason).Append("; what the process shows without one:\n\n");
        using var process = Process.GetCurrentProcess();
        ThreadPool.GetAvailableThreads(out var workers, out var io);
        ThreadPool.GetMaxThreads(out var maxWorkers, out var maxIo);
        text.Append("process ").Append(process.Id).Append(": ").Append(process.Threads.Count).Append(" threads; thread pool: ")
            .Append(ThreadPool.ThreadCount).Append(" threads, ").Append(ThreadPool.PendingWorkItemCount).Append(" pending work items, ")
            .Append(maxWorkers - workers).Append(" busy workers, ").Append(maxIo - io).Append(" busy I/O threads\n\n");
        foreach (ProcessThread thread in process.Threads)
        {
            text.Append("thread ").Append(thread.Id).Append(" [").Append(Describe(thread)).Append("]\n");
        }

        text.Append("\nrequest thread ").Append(Environment.CurrentManagedThreadId).Append(":\n").Append(new StackTrace(fNeedFileInfo: false)).Append('\n');
        return text.ToString();
    }

    private static string Describe(ProcessThread thread)
    {
        try
        {
            var state = thread.ThreadState;
            var wait = state == System.Diagnostics.ThreadState.Wait ? ", " + thread.WaitReason : string.Empty;
            return $"{state}{wait}, cpu {thread.TotalProcessorTime.TotalMilliseconds:0}ms";
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            // The thread ended while being read.
            return "exited";
        }
    }
}
