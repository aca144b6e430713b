using System.Globalization;
using System.Net;
using Natrium.Bench.Scenarios;

namespace Natrium.Bench.Scale;

// scale-acct(-pairs): the server runs AccountsScaleConfig's config (run.sh). RSS before =
// the server with N accounts configured and no client (settled); then one idle client per
// account (user u<i>), RSS after (settled): bytes per account = ΔRSS / N, the account's first
// client included. Rate = connections/s of a connect/close loop over --seconds whose users
// cycle through all accounts; then the time a config reload (SIGHUP) takes with N accounts.
internal sealed record AccountsScenario(string Name, int DefaultSize) : IScenario
{
    public ScenarioResult Run(BenchOptions options, CpuMeter cpu)
    {
        int size = (int)(options.Size ?? DefaultSize);
        var lines = Enumerable.Range(0, size).Select(i => IdleClients.ConnectLine(AccountsScaleConfig.User(i), BenchConfigs.Password)).ToArray();
        IPEndPoint server = options.Endpoint;

        // Warm-up: a few logins in different accounts (JIT); they stay out of the before reading.
        for (int i = 0; i < Math.Min(size, 20); i++)
        {
            IdleClients.ConnectOnce(server, i, lines[i]);
        }

        double before = ServerMemory.SettledRssMiB(cpu, options.Settle);
        using var clients = new IdleClients();
        clients.Open(server, size, i => lines[i]);
        double after = ServerMemory.SettledRssMiB(cpu, options.Settle);

        int next = 0;
        ScenarioResult rate = ConnectionRate.Measure(
            Name,
            options,
            cpu,
            () =>
            {
                int account = (int)((uint)Interlocked.Increment(ref next) % (uint)size);
                IdleClients.ConnectOnce(server, account, lines[account]);
            },
            e => e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or OperationCanceledException);

        int pid = options.ServerPids.Count > 0 ? options.ServerPids[0] : throw new InvalidOperationException("scale-acct needs --server-pid");
        string log = options.NodeLogs.Count > 0 ? options.NodeLogs[0] : throw new InvalidOperationException("scale-acct needs --node-logs SERVER-LOG");
        double reload = ConfigReload.Millis(pid, log);
        return rate with
        {
            Size = size,
            RssBeforeMiB = before,
            ServerRssMiB = after,
            BytesPerItem = ServerMemory.BytesPerItem(before, after, clients.Count),
            ReloadMillis = reload,
            Note = clients.FirstError is { } error
                ? string.Create(CultureInfo.InvariantCulture, $"{clients.Failed} of the idle clients failed, e.g. {error}")
                : null,
        };
    }
}
