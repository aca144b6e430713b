using System.Net;
using System.Net.Sockets;
using Natrium.Bench;
using Natrium.Bench.Charts;
using Natrium.Bench.Scale;
using Natrium.Bench.Report;
using Natrium.Bench.Scenarios;

// natrium-bench: raw-socket NATS load generator. args → options → scenarios → one line each.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"natrium-bench: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

if (options.AccountsConfig is { } accounts)
{
    Console.WriteLine(AccountsScaleConfig.Write(options.ConfigDir ?? throw new ArgumentException("--write-accounts-conf needs --conf-dir"), accounts, options.AccountPairs));
    return 0;
}

if (options.ChartResults is { } results)
{
    return Charts.Write(results, options.ChartDir ?? throw new ArgumentException("--chart needs --out DIR"), Console.Out);
}

if (options.WriteConfigs)
{
    BenchConfigs.Write(options.ConfigDir ?? throw new ArgumentException("--write-confs needs --conf-dir"));
    return 0;
}

Connection.UseCredentials(options.User, options.Password);
Connection.UsePublisherCredentials(options.PublisherUser, options.PublisherPassword);

if (options.FreePorts > 0)
{
    // Every listener stays open until all are printed, so the ports are distinct.
    var listeners = Enumerable.Range(0, options.FreePorts).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
    listeners.ForEach(l => l.Start());
    listeners.ForEach(l => Console.WriteLine(((IPEndPoint)l.LocalEndpoint).Port));
    listeners.ForEach(l => l.Stop());
    return 0;
}

if (options.AwaitClusterSeconds is { } bound)
{
    return ClusterReadiness.Wait(options.Nodes, TimeSpan.FromSeconds(bound), Console.Error) ? 0 : 1;
}

if (options.StartupBinary is { } binary)
{
    ScenarioResult started;
    try
    {
        started = StartupProbe.Measure(binary);
    }
    catch (Exception e) when (e is SocketException or IOException or TimeoutException or InvalidOperationException or InvalidDataException or System.ComponentModel.Win32Exception)
    {
        started = new ScenarioResult("startup") { Error = $"{e.GetType().Name}: {e.Message}" };
    }

    started = started with { Label = options.Label, Round = options.Round };
    Console.WriteLine(options.Json ? started.ToJson() : started.ToText());
    return started.Error is null ? 0 : 1;
}

if (options.ReportPath is { } path)
{
    return ResultsTable.Print(path, Console.Out);
}

var scenarios = new List<IScenario>();
foreach (string name in options.Scenarios)
{
    if (name == "all")
    {
        scenarios.AddRange(ScenarioCatalog.All);
    }
    else if (ScenarioCatalog.Find(name) is { } scenario)
    {
        scenarios.Add(scenario);
    }
    else
    {
        Console.Error.WriteLine($"natrium-bench: unknown scenario '{name}'");
        Console.Error.WriteLine(BenchOptions.Usage);
        return 2;
    }
}

var cpu = new CpuMeter(options.ServerPids);
int exitCode = 0;
foreach (IScenario scenario in scenarios)
{
    ScenarioResult result;
    try
    {
        result = scenario.Run(options, cpu);
    }
    catch (Exception e) when (e is SocketException or IOException or TimeoutException or InvalidOperationException or InvalidDataException)
    {
        result = new ScenarioResult(scenario.Name) { Error = $"{e.GetType().Name}: {e.Message}", Size = options.Size };
        exitCode = 1;
    }

    result = result with { Label = options.Label, Round = options.Round };
    if (options.Json)
    {
        Console.WriteLine(result.ToJson());
        Console.Error.WriteLine(result.ToText());
    }
    else
    {
        Console.WriteLine(result.ToText());
    }
}

return exitCode;
