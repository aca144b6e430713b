using System.Diagnostics;
using System.Text.Json;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// nats-server 2.9.10 (when installed) with a monitoring port, to compare an endpoint's JSON
/// with Natrium's field by field. Null when no nats-server is on the PATH.
public sealed class ReferenceMonitor : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _dir;

    private ReferenceMonitor(Process process, DirectoryInfo dir, string url)
    {
        _process = process;
        _dir = dir;
        Url = url;
    }

    public string Url { get; }

    public static string? Executable =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, "nats-server")).FirstOrDefault(File.Exists);

    /// Starts it with body (listen and http are added; basePath is the body's http_base_path);
    /// null without nats-server.
    public static async Task<ReferenceMonitor?> StartAsync(string body, string basePath = "")
    {
        if (Executable is not { } server)
        {
            return null;
        }

        var dir = Directory.CreateTempSubdirectory("natrium-reference-");
        var http = LoopbackPorts.Unused();
        var file = Path.Combine(dir.FullName, "reference.conf");
        await File.WriteAllTextAsync(file, $"listen: 127.0.0.1:-1\nhttp: 127.0.0.1:{http}\n{body.Replace("{dir}", dir.FullName, StringComparison.Ordinal)}");
        var info = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(file);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var monitor = new ReferenceMonitor(process, dir, $"http://127.0.0.1:{http}");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.TrueAsync(async () => process.HasExited || await AnswersAsync(client, monitor.Url + basePath), "nats-server's monitor answers", TimeSpan.FromSeconds(15));
        Assert.False(process.HasExited, "nats-server exited: is the reference config valid?");
        return monitor;
    }

    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var document = JsonDocument.Parse(await client.GetStringAsync(Url + pathAndQuery));
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _dir.Delete(recursive: true);
    }

    private static async Task<bool> AnswersAsync(HttpClient client, string url)
    {
        try
        {
            using var response = await client.GetAsync(url + "/healthz");
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
