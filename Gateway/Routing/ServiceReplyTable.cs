using System.Collections.Concurrent;
using System.Security.Cryptography;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Routing;

/// Open cross-account requests made through this gateway: `_R_.<gateway>.<token>` → the
/// importing account and the requester's own reply subject. A singleton service answers once;
/// stream and chunked services may answer until the response threshold. Responders anywhere in
/// the cluster reach this gateway because it announces interest in `_R_.<gateway>.>` in the
/// exporting account.
///
/// Another tenant must not be able to answer (issue #10): a response counts only when it is
/// published in the exporting account the request went to, tokens are 80 random bits (an
/// exporter that sees its own requests learns nothing about the next ones), and each importing
/// account may hold at most MaxPendingPerImporter open requests here, its own oldest making
/// way, so no account can crowd out another's.
internal sealed class ServiceReplyTable
{
    /// nats-server has no such bound; a requester that outruns it loses its own oldest
    /// pending responses only.
    public const int DefaultMaxPendingPerImporter = 100_000;

    private const int TokenBytes = 10;

    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<AccountRouting, ImporterQueue> _byImporter = new(ReferenceEqualityComparer.Instance);
    private readonly int _maxPendingPerImporter;

    public ServiceReplyTable(int maxPendingPerImporter = DefaultMaxPendingPerImporter)
    {
        _maxPendingPerImporter = maxPendingPerImporter;
        Prefix = "_R_." + Base32.Encode(RandomNumberGenerator.GetBytes(5)) + ".";
        PrefixBytes = SubjectText.ToBytes(Prefix);
    }

    /// `_R_.<this gateway>.`; the wildcard interest is Prefix + ">".
    public string Prefix { get; }

    public byte[] PrefixBytes { get; }

    /// Open requests, for tests and monitoring.
    public int Count => _pending.Count;

    /// A new reply subject in the exporting account for a request whose reply is reply.
    public byte[] Open(AccountRouting importer, AccountRouting exporter, ReadOnlySpan<byte> reply, ResponseType type, TimeSpan threshold)
    {
        Span<byte> random = stackalloc byte[TokenBytes];
        RandomNumberGenerator.Fill(random);
        var token = Prefix + Base32.Encode(random);
        var now = Environment.TickCount64;
        _pending[token] = new Pending(importer, exporter, reply.ToArray(), type, now + (long)threshold.TotalMilliseconds);
        _byImporter.GetOrAdd(importer, static _ => new ImporterQueue()).Admit(token, this, now);
        return SubjectText.ToBytes(token);
    }

    /// The requester's account and reply subject for a response published in publishedIn, or
    /// false when unknown, published in another account, already answered (singleton) or expired.
    public bool TryTake(ReadOnlySpan<byte> subject, AccountRouting publishedIn, out AccountRouting importer, out byte[] reply)
    {
        importer = null!;
        reply = [];
        var token = SubjectText.FromBytes(subject);
        if (!_pending.TryGetValue(token, out var pending) || !ReferenceEquals(pending.Exporter, publishedIn))
        {
            // Another account's publish neither answers nor cancels the request.
            return false;
        }

        if (Environment.TickCount64 > pending.Deadline)
        {
            _pending.TryRemove(new KeyValuePair<string, Pending>(token, pending));
            return false;
        }

        if (pending.Type == ResponseType.Singleton && !_pending.TryRemove(new KeyValuePair<string, Pending>(token, pending)))
        {
            return false;
        }

        (importer, reply) = (pending.Importer, pending.Reply);
        return true;
    }

    public bool IsOurs(ReadOnlySpan<byte> subject) => subject.StartsWith(PrefixBytes);

    private bool IsSettled(string token, long now) => !_pending.TryGetValue(token, out var p) || now > p.Deadline;

    private void Forget(string token) => _pending.TryRemove(token, out _);

    private sealed record Pending(AccountRouting Importer, AccountRouting Exporter, byte[] Reply, ResponseType Type, long Deadline);

    /// One importing account's tokens in the order they were opened. Each token is queued and
    /// dequeued once, so keeping the queue short costs O(1) per request.
    private sealed class ImporterQueue
    {
        private readonly Queue<string> _tokens = new();

        public void Admit(string token, ServiceReplyTable table, long now)
        {
            lock (_tokens)
            {
                _tokens.Enqueue(token);
                // Answered and expired requests leave from the front.
                while (_tokens.TryPeek(out var head) && table.IsSettled(head, now))
                {
                    table.Forget(_tokens.Dequeue());
                }

                // Over the bound: this account's own oldest open requests make way.
                while (_tokens.Count > table._maxPendingPerImporter)
                {
                    table.Forget(_tokens.Dequeue());
                }
            }
        }
    }
}
