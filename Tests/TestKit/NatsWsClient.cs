using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Natrium.Tests.TestKit;

/// The nats.ws JavaScript client, run under Node (Tests/Clients/natsws/client.mjs) against a
/// websocket listener: what browsers and Node apps use, beside the NATS.Net tests. Its packages
/// come from the lock file, installed on first use when `.ci/run` has not installed them.
public static class NatsWsClient
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "Tests", "Clients", "natsws");
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    /// Runs the client's steps (default: request, headers, queue, oversize) under the subject
    /// prefix and returns what it printed: {"ok":true,…} or {"error":"<nats.ws error code>"}.
    public static async Task<JsonObject> RunAsync(Uri url, string prefix, object? auth = null, string? caFile = null, (string Cert, string Key)? clientCertificate = null, string[]? steps = null)
    {
        await Installed.Value;
        var request = new JsonObject
        {
            ["url"] = url.ToString(),
            ["prefix"] = prefix,
            ["auth"] = auth is null ? null : JsonSerializer.SerializeToNode(auth),
            ["tls"] = clientCertificate is { } c ? new JsonObject { ["cert"] = c.Cert, ["key"] = c.Key } : null,
            ["steps"] = steps is null ? null : new JsonArray(steps.Select(s => (JsonNode)s).ToArray()),
        };
        var environment = caFile is null ? null : new Dictionary<string, string> { ["NODE_EXTRA_CA_CERTS"] = caFile };
        var (code, output, errors) = await RunAsync("node", ["client.mjs", request.ToJsonString()], environment, TimeSpan.FromSeconds(40));
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (last is null || !last.StartsWith('{'))
        {
            throw new InvalidOperationException($"nats.ws client exited {code} without a result: {output}{errors}");
        }

        return JsonNode.Parse(last)!.AsObject();
    }

    public static string? Error(this JsonObject result) => (string?)result["error"];

    private static async Task InstallAsync()
    {
        if (File.Exists(Path.Combine(Folder, "node_modules", ".package-lock.json")))
        {
            return;
        }

        var (code, output, errors) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], null, TimeSpan.FromMinutes(3));
        if (code != 0)
        {
            throw new InvalidOperationException($"npm ci in {Folder} failed ({code}): {output}{errors}");
        }
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(string program, string[] arguments, Dictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
