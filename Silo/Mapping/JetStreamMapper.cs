using Natrium.Contracts.JetStream;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// `jetstream { … }` or `jetstream: enabled|disabled|true|false` (spec/jetstream_encryption.md).
internal static class JetStreamMapper
{
    public static JetStreamConfig Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        switch (entry.Value)
        {
            case ConfBool b:
                return new JetStreamConfig { Enabled = b.Value };
            case ConfString s:
                return new JetStreamConfig { Enabled = !s.Value.Equals("disabled", StringComparison.OrdinalIgnoreCase) };
            case ConfMap map:
                return Block(map, diagnostics);
            default:
                diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map or a boolean, got {entry.Value.Kind}");
                return new JetStreamConfig { Enabled = false };
        }
    }

    private static JetStreamConfig Block(ConfMap map, ConfDiagnostics diagnostics)
    {
        var js = new JetStreamConfig();
        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "store_dir" or "store" or "storedir":
                    js = js with { StoreDir = ConfReading.String(e, diagnostics) };
                    break;
                case "max_memory_store" or "max_mem_store" or "max_mem":
                    js = js with { MaxMemoryStore = ConfReading.Integer(e, diagnostics) };
                    break;
                case "max_file_store" or "max_file":
                    js = js with { MaxFileStore = ConfReading.Integer(e, diagnostics) };
                    break;
                case "key" or "ek" or "encryption_key":
                    js = js with { Key = ConfReading.String(e, diagnostics) };
                    break;
                case "prev_encryption_key" or "prev_key" or "prev_ek":
                    js = js with { PreviousKey = ConfReading.String(e, diagnostics) };
                    break;
                case "cipher":
                    var given = ConfReading.String(e, diagnostics);
                    var cipher = given?.ToLowerInvariant();
                    if (cipher is not (null or "chacha" or "chachapoly" or "aes"))
                    {
                        diagnostics.Error(e.Value.Position, $"Unknown cipher type: \"{given}\"");
                    }

                    js = js with { Cipher = cipher is "chachapoly" ? "chacha" : cipher ?? js.Cipher };
                    break;
                case "account_keys_dir":
                    js = js with { AccountKeysDir = ConfReading.String(e, diagnostics) };
                    break;
                case "domain":
                    js = js with { Domain = ConfReading.String(e, diagnostics) };
                    break;
                case "sync_interval" or "sync":
                    js = e.Value is ConfString { Value: "always" } ? js with { SyncAlways = true } : js with { SyncInterval = ConfReading.Duration(e, diagnostics) };
                    break;
                case "enabled":
                    js = js with { Enabled = ConfReading.Bool(e, diagnostics) ?? true };
                    break;
                default:
                    diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                    break;
            }
        }

        return js;
    }
}
