using System.Collections.Concurrent;
using System.Security.Cryptography;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Routing;

/// Open cross-account requests made through this gateway: `_R_.<gateway>.<n>` → the importing
/// account and the requester's own reply subject. A singleton service answers once; stream and
/// chunked services may answer until the response threshold. Responders anywhere in the
/// cluster reach this gateway because it announces interest in `_R_.<gateway>.>` in the
/// exporting account.
internal sealed class ServiceReplyTable
{
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private long _next;

    public ServiceReplyTable()
    {
        Prefix = "_R_." + Base32Token(RandomNumberGenerator.GetBytes(5)) + ".";
        PrefixBytes = SubjectText.ToBytes(Prefix);
    }

    /// `_R_.<this gateway>.`; the wildcard interest is Prefix + ">".
    public string Prefix { get; }

    public byte[] PrefixBytes { get; }

    /// A new reply subject in the exporting account for a request whose reply is reply.
    public byte[] Open(AccountRouting importer, ReadOnlySpan<byte> reply, ResponseType type, TimeSpan threshold)
    {
        var n = Interlocked.Increment(ref _next);
        if (n % SweepEvery == 0)
        {
            Sweep();
        }

        var token = Prefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _pending[token] = new Pending(importer, reply.ToArray(), type, Environment.TickCount64 + (long)threshold.TotalMilliseconds);
        return SubjectText.ToBytes(token);
    }

    /// The requester's account and reply subject for a response, or false when unknown,
    /// already answered (singleton) or expired.
    public bool TryTake(ReadOnlySpan<byte> subject, out AccountRouting importer, out byte[] reply)
    {
        importer = null!;
        reply = [];
        var token = SubjectText.FromBytes(subject);
        if (!_pending.TryGetValue(token, out var pending))
        {
            return false;
        }

        if (Environment.TickCount64 > pending.Deadline)
        {
            _pending.TryRemove(token, out _);
            return false;
        }

        if (pending.Type == ResponseType.Singleton && !_pending.TryRemove(token, out _))
        {
            return false;
        }

        (importer, reply) = (pending.Importer, pending.Reply);
        return true;
    }

    public bool IsOurs(ReadOnlySpan<byte> subject) => subject.StartsWith(PrefixBytes);

    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var (token, pending) in _pending)
        {
            if (now > pending.Deadline)
            {
                _pending.TryRemove(token, out _);
            }
        }
    }

    private static string Base32Token(byte[] bytes) => Natrium.Contracts.Keys.Base32.Encode(bytes);

    private sealed record Pending(AccountRouting Importer, byte[] Reply, ResponseType Type, long Deadline);
}
