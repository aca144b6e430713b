namespace Natrium.Contracts.JetStream;

/// An account's own encryption-at-rest keys (Natrium's extension: `key` and `prev_key` in the
/// account's `jetstream` block, or a file in `account_keys_dir`). Secrets: never serialized to
/// other processes or logged.
public sealed record AccountStoreKeys(string Key, string? PreviousKey)
{
    public override string ToString() => "AccountStoreKeys { [REDACTED] }";
}
