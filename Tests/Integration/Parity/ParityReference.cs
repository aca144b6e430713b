using System.Diagnostics;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Parity;

/// The nats-server the corpus also runs against: NATRIUM_REFERENCE_SERVER when set, else an
/// installed nats-server of the version the answers were recorded from (2.9.10, Debian's
/// package, which `.ci/run` installs), so the differential runs wherever that server is.
internal static class ParityReference
{
    private const string RecordedVersion = "v2.9.10";
    private static readonly string[] Installed = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];
    private static readonly Lazy<Task<string?>> Found = new(FindOnceAsync);

    public static Task<string?> FindAsync() => Found.Value;

    /// `nats-server --version`'s answer ("nats-server: v2.9.10"), or null when it does not run.
    public static async Task<string?> VersionAsync(string server)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(server, "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var version = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            return version.Trim();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<string?> FindOnceAsync()
    {
        if (ConfiguredBroker.ConfiguredReference is { } configured)
        {
            return configured;
        }

        foreach (var path in Installed.Where(File.Exists))
        {
            if ((await VersionAsync(path))?.EndsWith(RecordedVersion, StringComparison.Ordinal) == true)
            {
                return path;
            }
        }

        return null;
    }
}
