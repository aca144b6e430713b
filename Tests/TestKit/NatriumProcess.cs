using System.Diagnostics;
using System.Text;

namespace Natrium.Tests.TestKit;

/// The built `natrium` executable run as a separate process, as users and client test
/// harnesses run it. Output is collected; every wait is bounded.
public sealed class NatriumProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NatriumProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "natrium.exe" : "natrium");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static NatriumProcess Start(params string[] args) => StartIn(null, args);

    /// Starts in a working directory (relative paths in configs resolve against it).
    public static NatriumProcess StartIn(string? workingDirectory, params string[] args) =>
        StartIn(workingDirectory, new Dictionary<string, string?>(), args);

    /// Starts with environment variables set (null removes one), e.g. NATRIUM_TEST_FLAGS for
    /// the test-only flags.
    public static NatriumProcess StartIn(string? workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        StartExecutable(ExecutablePath, workingDirectory, environment, args);

    /// Starts natrium through another path to it, e.g. a link named nats-server.
    public static NatriumProcess StartExecutable(string executable, string? workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new NatriumProcess(Process.Start(info)!);
    }

    /// Runs to completion (bounded) and returns the exit code and everything printed.
    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunInAsync(null, args);

    public static async Task<(int ExitCode, string Output)> RunInAsync(string? workingDirectory, params string[] args)
    {
        await using var process = StartIn(workingDirectory, args);
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, process.Output);
    }

    /// Waits for the ports file this process writes into dir (--ports_file_dir) and returns
    /// its first client URL and first monitoring URL (if any).
    /// A start that fails exits and is seen at once; one that is merely slow (a loaded 2-core
    /// machine starting whole clusters for other tests meanwhile) may take well over 15 s.
    public async Task<(string Nats, string? Monitoring)> WaitForPortsAsync(string dir, string programName = "natrium")
    {
        var path = Path.Combine(dir, $"{programName}_{Id}.ports");
        await Eventually.TrueAsync(() => File.Exists(path) || HasExited, "the ports file is written", () => Output, TimeSpan.FromSeconds(60));
        Assert.False(HasExited, Output);
        using var ports = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var nats = ports.RootElement.GetProperty("nats")[0].GetString()!;
        var monitoring = ports.RootElement.TryGetProperty("monitoring", out var m) ? m[0].GetString() : null;
        return (nats, monitoring);
    }

    /// Waits (bounded) until the output shows the text: lines arrive through the output
    /// reader's events, which may lag whatever the test saw of the process (its ports file, a
    /// client's answer).
    public Task WaitForOutputAsync(string text, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Output.Contains(text, StringComparison.Ordinal), $"the output shows \"{text}\"", () => Output, timeout);

    /// `natrium --signal <signal>=<target>` (a pid or a pid file), as an operator sends it;
    /// returns once the signal is sent.
    public static async Task SignalAsync(string signal, string target)
    {
        var (code, output) = await RunAsync("--signal", $"{signal}={target}");
        Assert.True(code == 0, $"natrium --signal {signal} failed: {output}");
    }

    /// SIGTERM, as a service manager stops it.
    public void Terminate() => Posix.Kill(_process.Id, Posix.SigTerm);

    /// SIGKILL: the process gets no chance to flush or clean up, as in a crash.
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await WaitForExitAsync(TimeSpan.FromSeconds(15));
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"natrium did not exit within {timeout}; output: {Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
