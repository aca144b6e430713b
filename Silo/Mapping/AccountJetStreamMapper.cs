using Natrium.Contracts.JetStream;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// `accounts.X.jetstream`: `enabled`/`disabled`, a boolean, or a map of limits, with
/// nats-server 2.9.10's keys and aliases (parseJetStreamForAccount); null means disabled. Natrium
/// adds `key` and `prev_key` (aliases as the server block's): the account's own keys for
/// encryption at rest, so it can be rotated or crypto-shredded alone.
internal static class AccountJetStreamMapper
{
    public static JetStreamAccountLimits? Map(ConfEntry entry, ConfDiagnostics diagnostics, out AccountStoreKeys? keys)
    {
        keys = null;
        switch (entry.Value)
        {
            case ConfBool b:
                return b.Value ? JetStreamAccountLimits.Unlimited : null;
            case ConfString s when s.Value.Equals("enabled", StringComparison.OrdinalIgnoreCase) || s.Value.Equals("enable", StringComparison.OrdinalIgnoreCase):
                return JetStreamAccountLimits.Unlimited;
            case ConfString s when s.Value.Equals("disabled", StringComparison.OrdinalIgnoreCase) || s.Value.Equals("disable", StringComparison.OrdinalIgnoreCase):
                return null;
            case ConfString s:
                diagnostics.Error(entry.Value.Position, $"Expected 'enabled' or 'disabled' for string value, got '{s.Value}'");
                return null;
            case ConfMap map:
                keys = Keys(map, diagnostics);
                return Limits(map, diagnostics);
            default:
                diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map, a boolean or a string, got {entry.Value.Kind}");
                return null;
        }
    }

    private static JetStreamAccountLimits Limits(ConfMap map, ConfDiagnostics diagnostics)
    {
        var limits = JetStreamAccountLimits.Unlimited;
        foreach (var e in map.Entries)
        {
            limits = e.Key.ToLowerInvariant() switch
            {
                "max_memory" or "max_mem" or "mem" or "memory" => limits with { MaxMemory = Size(e, diagnostics) },
                "max_store" or "max_file" or "max_disk" or "store" or "disk" => limits with { MaxStore = Size(e, diagnostics) },
                "max_streams" or "streams" => limits with { MaxStreams = (int)Size(e, diagnostics) },
                "max_consumers" or "consumers" => limits with { MaxConsumers = (int)Size(e, diagnostics) },
                "max_bytes_required" or "max_stream_bytes" or "max_bytes" => limits with { MaxBytesRequired = ConfReading.Bool(e, diagnostics) ?? false },
                "mem_max_stream_bytes" or "memory_max_stream_bytes" => limits with { MemoryMaxStreamBytes = Size(e, diagnostics) },
                "disk_max_stream_bytes" or "store_max_stream_bytes" => limits with { StoreMaxStreamBytes = Size(e, diagnostics) },
                "max_ack_pending" => limits with { MaxAckPending = (int)Size(e, diagnostics) },
                "key" or "ek" or "encryption_key" or "prev_key" or "prev_ek" or "prev_encryption_key" => limits,
                _ => Unknown(limits, e, diagnostics),
            };
        }

        return limits;
    }

    private static AccountStoreKeys? Keys(ConfMap map, ConfDiagnostics diagnostics)
    {
        string? key = null, previous = null;
        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "key" or "ek" or "encryption_key":
                    key = ConfReading.String(e, diagnostics);
                    break;
                case "prev_key" or "prev_ek" or "prev_encryption_key":
                    previous = ConfReading.String(e, diagnostics);
                    break;
            }
        }

        if (previous is not null && string.IsNullOrEmpty(key))
        {
            diagnostics.Error(map.Position, "jetstream: prev_key needs a key to rotate to");
        }

        return string.IsNullOrEmpty(key) ? null : new AccountStoreKeys(key, string.IsNullOrEmpty(previous) ? null : previous);
    }

    private static long Size(ConfEntry e, ConfDiagnostics diagnostics) => ConfReading.Integer(e, diagnostics) ?? -1;

    private static JetStreamAccountLimits Unknown(JetStreamAccountLimits limits, ConfEntry e, ConfDiagnostics diagnostics)
    {
        if (!e.UsedAsVariable)
        {
            diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
        }

        return limits;
    }
}
