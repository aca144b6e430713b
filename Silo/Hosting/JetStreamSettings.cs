using Natrium.Contracts.JetStream;
using Natrium.Contracts.Subjects;
using Natrium.Silo.Mapping;

namespace Natrium.Silo.Hosting;

/// JetStream as the server runs it, from `-js`/`-sd`, `store_dir` and the `jetstream` block
/// (spec/jetstream_encryption.md §1): on or off, where it stores, and which accounts have it —
/// the configured accounts with a `jetstream` entry, or the global account when no accounts are
/// configured (spec/accounts.md §1). Applied after the command line, before validation.
internal static class JetStreamSettings
{
    /// Where streams live when nothing says (nats-server uses the temporary directory too).
    public static string DefaultStoreDir => Path.Combine(Path.GetTempPath(), "natrium", "jetstream");

    public static ServerOptions Apply(ServerOptions options, ConfDiagnostics diagnostics)
    {
        var block = options.JetStreamConfig;
        var enabled = options.JetStream || block?.Enabled == true;
        if (options.StoreDir is not null && block?.StoreDir is not null && options.StoreDir != block.StoreDir)
        {
            diagnostics.Errors.Add("Duplicate 'store_dir' configuration");
        }

        if (!enabled)
        {
            return options with { Gateways = [.. options.Gateways.Select(g => g with { JetStream = null })] };
        }

        var config = (block ?? new JetStreamConfig()) with
        {
            Enabled = true,
            StoreDir = Path.GetFullPath(options.StoreDir ?? block?.StoreDir ?? DefaultStoreDir),
        };
        var accounts = options.Accounts.Count == 0
            ? new Dictionary<string, JetStreamAccountLimits>(StringComparer.Ordinal) { [AccountNames.Global] = JetStreamAccountLimits.Unlimited }
            : options.Accounts.Where(a => a.JetStreamLimits is not null).ToDictionary(a => a.Name, a => a.JetStreamLimits!, StringComparer.Ordinal);
        var keyring = StoreKeyringLoader.Load(config, options.Accounts, diagnostics.Errors);
        return options with
        {
            JetStreamConfig = config,
            StoreKeyring = keyring,
            Gateways = [.. options.Gateways.Select(g => g with { JetStream = config, JetStreamAccounts = accounts })],
        };
    }
}
