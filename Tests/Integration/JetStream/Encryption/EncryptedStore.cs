using System.Security.Cryptography;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.JetStream.Encryption;

/// A store directory that outlives the natrium processes a test starts on it, one after the
/// other, each from its own config body (in which `{store}` stands for the directory). Disposing
/// it stops whatever a failed test left running.
internal sealed class EncryptedStore : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("natrium-js-sealed-");

    public string Path => _dir.FullName;

    private readonly List<ConfiguredNatrium> _started = [];

    public async Task<ConfiguredNatrium> StartAsync(string body)
    {
        var natrium = await ConfiguredNatrium.StartAsync(Fill(body));
        _started.Add(natrium);
        return natrium;
    }

    public string Fill(string body) => body.Replace("{store}", Path, StringComparison.Ordinal);

    /// A clean stop (SIGTERM), so what a test checks next is what was written.
    public static async Task StopAsync(ConfiguredNatrium natrium)
    {
        natrium.Process.Terminate();
        await natrium.Process.WaitForExitAsync(Patience);
        await natrium.DisposeAsync();
    }

    public static async Task<NatsConnection> ConnectAsync(ConfiguredNatrium natrium, string user)
    {
        var nc = new NatsConnection(new NatsOpts { Url = natrium.Url, RequestTimeout = Patience, AuthOpts = new NatsAuthOpts { Username = user, Password = user } });
        await nc.ConnectAsync();
        return nc;
    }

    /// Relative path → SHA-256 of every file: what "untouched" is checked against.
    public Dictionary<string, string> Hashes() => Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
        .ToDictionary(f => System.IO.Path.GetRelativePath(Path, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    /// Markers found in any file name or file content under the store.
    public List<string> FindAnywhere(params string[] markers)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(Path, file);
            var bytes = File.Exists(file) ? File.ReadAllBytes(file) : [];
            foreach (var marker in markers)
            {
                if (relative.Contains(marker, StringComparison.OrdinalIgnoreCase)
                    || bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(marker)) >= 0
                    || bytes.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(marker)) >= 0)
                {
                    found.Add($"{marker} in {relative}");
                }
            }
        }

        return found;
    }

    public static async Task<bool> HasStreamAsync(NatsJSContext js, string name)
    {
        try
        {
            await js.GetStreamAsync(name);
            return true;
        }
        catch (NatsJSApiException e) when (e.Error.ErrCode == 10059)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var natrium in _started)
        {
            await natrium.DisposeAsync();
        }

        _dir.Delete(recursive: true);
    }
}
