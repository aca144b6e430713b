namespace Natrium.Contracts.JetStream;

/// Grain keys of streams: the account, then the stream, split at the last '/' (a stream name
/// never contains '/', spec/jetstream.md §2.2; an account name might).
public static class StreamKeys
{
    public static string Of(string account, string stream) => account + "/" + stream;

    public static (string Account, string Stream) Split(string key)
    {
        var at = key.LastIndexOf('/');
        return (key[..at], key[(at + 1)..]);
    }
}
