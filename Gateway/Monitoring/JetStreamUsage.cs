using System.Text.Json;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.JetStream;
using Natrium.Gateway.Hosting;

namespace Natrium.Gateway.Monitoring;

/// JetStream as /varz, /jsz and `$SYS.REQ.…JSZ` report it: the server's limits and store, and
/// per account its streams (from the account grains, which count no API request for it).
/// nats-server reports the accounts whose JetStream it runs: here the accounts enabled in the
/// config, or in operator mode those with stored streams (the JetStream registry).
internal sealed record JetStreamUsage(JetStreamConfig Config, IReadOnlyList<JetStreamUsage.Account> Accounts)
{
    public sealed record Account(string Name, JetStreamAccountLimits? Limits, JetStreamReport Report)
    {
        public ulong Memory => Sum(Report.Streams.Where(s => s.Memory));

        public ulong Storage => Sum(Report.Streams.Where(s => !s.Memory));

        public int Consumers => Report.Streams.Sum(s => s.Consumers);

        public ulong Messages => (ulong)Report.Streams.Sum(s => (decimal)s.Messages);

        private static ulong Sum(IEnumerable<StreamSnapshot> streams) => (ulong)streams.Sum(s => (decimal)s.Bytes);
    }

    public ulong Memory => (ulong)Accounts.Sum(a => (decimal)a.Memory);

    public ulong Storage => (ulong)Accounts.Sum(a => (decimal)a.Storage);

    public int Streams => Accounts.Sum(a => a.Report.Streams.Count);

    public int Consumers => Accounts.Sum(a => a.Consumers);

    public ulong Messages => (ulong)Accounts.Sum(a => (decimal)a.Messages);

    public ulong ApiTotal => (ulong)Accounts.Sum(a => (decimal)a.Report.ApiTotal);

    public ulong ApiErrors => (ulong)Accounts.Sum(a => (decimal)a.Report.ApiErrors);

    /// Memory limit: the configured one, else nats-server's default of 75% of the machine's memory.
    public long MaxMemory => Config.MaxMemoryStore is > 0 and var m ? m : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 * 3;

    /// Store limit: the configured one, else nats-server's default, the free space where it stores.
    public long MaxStorage => Config.MaxFileStore is > 0 and var s ? s : FreeSpace(Config.StoreDir);

    /// Null when the server does not run JetStream. account: only that one (acc=); consumers:
    /// with each stream's consumer infos.
    public static async Task<JetStreamUsage?> ReadAsync(GatewayNode node, string? account = null, bool consumers = false)
    {
        if (node.Options.JetStream is not { Enabled: true } config)
        {
            return null;
        }

        var names = new SortedSet<string>(node.Options.JetStreamAccounts.Keys, StringComparer.Ordinal);
        if (node.Options.Operators is not null)
        {
            names.UnionWith(await node.Grains.GetGrain<IJetStreamRegistryGrain>(JetStreamRegistry.Key).Accounts());
        }

        var chosen = names.Where(n => account is null || n == account).ToList();
        var reports = await Task.WhenAll(chosen.Select(n => node.Grains.GetGrain<IJetStreamAccountGrain>(n).Report(consumers)));
        return new JetStreamUsage(config, [.. chosen.Select((n, i) => new Account(n, node.JetStreamLimitsFor(n), reports[i]))]);
    }

    /// nats-server's JetStreamStats fields: /varz's and statsz's `stats`, the top of /jsz.
    /// Natrium reserves nothing up front and keeps one copy of each stream, so reserved_* and
    /// ha_assets are 0.
    public void WriteStats(Utf8JsonWriter w)
    {
        w.WriteNumber("memory", Memory);
        w.WriteNumber("storage", Storage);
        w.WriteNumber("reserved_memory", 0);
        w.WriteNumber("reserved_storage", 0);
        w.WriteNumber("accounts", Accounts.Count);
        w.WriteNumber("ha_assets", 0);
        WriteApi(w, ApiTotal, ApiErrors);
    }

    public static void WriteApi(Utf8JsonWriter w, ulong total, ulong errors)
    {
        w.WriteStartObject("api");
        w.WriteNumber("total", total);
        w.WriteNumber("errors", errors);
        w.WriteEndObject();
    }

    private static long FreeSpace(string? directory)
    {
        try
        {
            return directory is null ? 0 : new DriveInfo(Path.GetPathRoot(Path.GetFullPath(directory))!).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
