namespace Natrium.Bench.Scenarios;

// One benchmark scenario: sets up its connections, runs, tears down, returns its figures.
internal interface IScenario
{
    string Name { get; }

    ScenarioResult Run(BenchOptions options, CpuMeter cpu);
}
