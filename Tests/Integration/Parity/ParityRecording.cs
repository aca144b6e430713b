using System.Text.Encodings.Web;
using System.Text.Json;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Parity;

/// nats-server 2.9.10's answers to the corpus, as its recorder wrote them to
/// Tests/Fixtures/parity-corpus.json. Set NATRIUM_PARITY_RECORD=1 together with
/// NATRIUM_REFERENCE_SERVER to replay every case against the reference and rewrite the file.
public static class ParityRecording
{
    public const string RecordVariable = "NATRIUM_PARITY_RECORD";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static string File => Path.Combine(RepositoryPaths.Root, "Tests", "Fixtures", "parity-corpus.json");

    public static bool Recording => Environment.GetEnvironmentVariable(RecordVariable) == "1";

    public static IReadOnlyDictionary<string, ParityAnswer> Load()
    {
        if (!System.IO.File.Exists(File))
        {
            return new Dictionary<string, ParityAnswer>();
        }

        using var stream = System.IO.File.OpenRead(File);
        var recorded = JsonSerializer.Deserialize<RecordedCorpus>(stream, Json)!;
        return recorded.Cases;
    }

    /// Written in corpus order, so a re-recording diffs cleanly.
    public static void Save(string server, IReadOnlyDictionary<string, ParityAnswer> answers)
    {
        var ordered = new Dictionary<string, ParityAnswer>();
        foreach (var parityCase in ParityCorpus.All)
        {
            if (answers.TryGetValue(parityCase.Name, out var answer))
            {
                ordered[parityCase.Name] = answer;
            }
        }

        System.IO.File.WriteAllText(File, JsonSerializer.Serialize(new RecordedCorpus(server, ordered), Json) + "\n");
    }

    private sealed record RecordedCorpus(string RecordedWith, Dictionary<string, ParityAnswer> Cases);
}
