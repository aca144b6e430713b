namespace Natrium.Silo.Hosting;

/// Socket completions run on .NET's socket engine threads (one per core), where epoll reported
/// the socket ready, instead of each being queued to the thread pool: a client's read loop
/// resumes without a hand-off and no pool worker is woken to spin for work. Publish-only at
/// 16 B then costs the server 0.09 µs per message instead of 0.12 (README, Performance). A read
/// loop that finds more data at once hands itself to the pool (ClientConnection.ReadLoopAsync),
/// so one busy publisher never holds a thread other sockets wait on.
internal static class InlineSocketCompletions
{
    private const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// Before the first socket: .NET reads the setting once. An operator's own value is kept.
    public static void Enable()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
