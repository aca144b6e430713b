namespace Natrium.Tests.Integration.Parity;

/// Bad client input, case by case, gets the answer nats-server 2.9.10 gave when recorded
/// (Tests/Fixtures/parity-corpus.json), or Natrium's deliberate better one. With
/// NATRIUM_REFERENCE_SERVER set the reference is replayed too and must still give its recorded
/// answer; with NATRIUM_PARITY_RECORD=1 as well, its answers are recorded anew.
public sealed class ParityTests(ParityBrokers brokers) : IClassFixture<ParityBrokers>
{
    private static readonly IReadOnlyDictionary<string, ParityAnswer> Recorded = ParityRecording.Load();

    public static TheoryData<string> Cases => new(ParityCorpus.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_the_nats_server_answer(string name)
    {
        var parityCase = ParityCorpus.Find(name);
        Recorded.TryGetValue(name, out var recorded);
        if (brokers.HasReference)
        {
            var reference = await ParityProbe.RunAsync(brokers.ReferencePort(parityCase.Broker), parityCase);
            if (ParityRecording.Recording)
            {
                brokers.Record(name, reference);
                recorded = reference;
            }
            else
            {
                Assert.True(reference == recorded, $"nats-server now answers {reference}, recorded {recorded?.ToString() ?? "nothing"}");
            }
        }

        Assert.True(recorded is not null, $"no answer recorded for '{name}': record with {ParityRecording.RecordVariable}=1");
        var expected = parityCase.Deliberate ?? recorded;
        var natrium = await ParityProbe.RunAsync(brokers.NatriumPort(parityCase.Broker), parityCase);
        Assert.True(natrium == expected, $"natrium {natrium}, expected {expected}" + (parityCase.Deliberate is null ? string.Empty : $" (deliberate: {parityCase.Why})"));
    }

    [Fact]
    public void Every_case_has_a_unique_name_and_a_recorded_answer()
    {
        var names = ParityCorpus.All.Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.DoesNotContain(names, n => !Recorded.ContainsKey(n));
        Assert.DoesNotContain(Recorded.Keys, n => !names.Contains(n));
        Assert.All(ParityCorpus.All.Where(c => c.Deliberate is not null), c => Assert.False(string.IsNullOrWhiteSpace(c.Why)));
    }
}
