using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Auth.Callout;

/// Where a gateway's callout answers arrive: `$SYS._INBOX.<server hash>.<8 base-62 chars>` in
/// the callout account (spec/auth_callout.md §3). The gateway announces interest in
/// `$SYS._INBOX.<hash>.*` there, so a service on any gateway of the cluster reaches it; a reply
/// to a token nobody waits for (late, guessed or repeated) is dropped.
internal sealed class CalloutInbox
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> _waiting = new(StringComparer.Ordinal);
    private readonly byte[] _prefix;

    public CalloutInbox(string serverId)
    {
        Prefix = "$SYS._INBOX." + Token(SHA256.HashData(Encoding.ASCII.GetBytes(serverId))) + ".";
        _prefix = Encoding.ASCII.GetBytes(Prefix);
    }

    public string Prefix { get; }

    /// The subject this gateway subscribes to (internally) in the callout account.
    public string Wildcard => Prefix + "*";

    /// A fresh reply subject and the answer's task (completed asynchronously, never inline on
    /// the publisher's read loop). The caller must Forget the reply when done waiting.
    public (string Reply, Task<byte[]> Answer) Open()
    {
        while (true)
        {
            var reply = Prefix + Token(RandomNumberGenerator.GetBytes(8));
            var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_waiting.TryAdd(reply, answer))
            {
                return (reply, answer.Task);
            }
        }
    }

    public void Forget(string reply) => _waiting.TryRemove(reply, out _);

    /// Takes a message published to one of our inbox subjects (payload only: the answer has no
    /// headers to honour). False for every other subject, which then routes as usual.
    public bool TryTake(ReadOnlySpan<byte> subject, int headerSize, in ReadOnlySequence<byte> message)
    {
        if (!subject.StartsWith(_prefix))
        {
            return false;
        }

        if (_waiting.TryRemove(SubjectText.FromBytes(subject), out var answer))
        {
            answer.TrySetResult(message.Slice(headerSize).ToArray());
        }

        return true;
    }

    private static string Token(ReadOnlySpan<byte> random)
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Base62[random[i] % Base62.Length];
        }

        return new string(chars);
    }
}
