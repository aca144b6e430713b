using Natrium.Contracts.Accounts;
using Natrium.Contracts.JetStream;
using Natrium.Grains.Streams.Encryption;

namespace Natrium.Silo.Hosting;

/// The keys of encryption at rest, from the `jetstream` block (`key`, `prev_encryption_key`,
/// `cipher`), the accounts' own `key`/`prev_key`, and `account_keys_dir` (`<account>.key` and,
/// while rotating, `<account>.prev.key`; the first line of each, trimmed). Read at start and at
/// every reload; the file wins over the config for an account named in both.
internal static class StoreKeyringLoader
{
    private const string KeySuffix = ".key";
    private const string PreviousSuffix = ".prev.key";

    public static StoreKeyring Load(JetStreamConfig config, IEnumerable<AccountConfig> accounts, List<string> errors)
    {
        var cipher = config.Cipher == "aes" ? StoreCipher.Aes : StoreCipher.ChaCha;
        if (StoreAead.Unsupported(cipher) is { } unsupported)
        {
            errors.Add(unsupported);
        }

        if (config.PreviousKey is not null && string.IsNullOrEmpty(config.Key))
        {
            errors.Add("jetstream: prev_encryption_key needs a key to rotate to");
        }

        var server = new KeyPair(MasterKeyOf(config.Key), MasterKeyOf(config.PreviousKey));
        var own = new Dictionary<string, KeyPair>(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            if (account.StoreKeys is { } keys)
            {
                own[account.Name] = new KeyPair(MasterKeyOf(keys.Key), MasterKeyOf(keys.PreviousKey));
            }
        }

        if (config.AccountKeysDir is { } directory)
        {
            ReadDirectory(directory, own, errors);
        }

        return new StoreKeyring(server, cipher, own);
    }

    private static void ReadDirectory(string directory, Dictionary<string, KeyPair> own, List<string> errors)
    {
        if (!Directory.Exists(directory))
        {
            errors.Add($"jetstream: account_keys_dir \"{directory}\" does not exist");
            return;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*" + KeySuffix))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(PreviousSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var account = name[..^KeySuffix.Length];
            var previousPath = Path.Combine(directory, account + PreviousSuffix);
            var key = FirstLine(path);
            if (key.Length == 0)
            {
                errors.Add($"jetstream: the key file of account {account} is empty");
                continue;
            }

            own[account] = new KeyPair(new MasterKey(key), File.Exists(previousPath) && FirstLine(previousPath) is { Length: > 0 } previous ? new MasterKey(previous) : null);
        }
    }

    private static string FirstLine(string path) => File.ReadLines(path).FirstOrDefault()?.Trim() ?? "";

    private static MasterKey? MasterKeyOf(string? secret) => string.IsNullOrEmpty(secret) ? null : new MasterKey(secret);
}
