using System.Buffers;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Connections;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Delivery;

/// The hot path after parsing: one published message to every local subscriber, one member of
/// each queue group (local or remote), and every other gateway with interest. Nothing here
/// awaits; a cache hit in AccountRouting.Match allocates nothing.
internal static class MessageRouter
{
    /// How many service imports one request may pass through (C imports from B, which imports
    /// from A, …); a bound of ours, so a cycle or a long chain of imports stays cheap.
    public const int MaxServiceChain = 8;

    [ThreadStatic]
    private static List<(RemoteGatewayLink Link, byte[] Queue)>? t_remoteQueues;

    // The accounts the request being routed on this thread went into so far: where it was
    // published, then each exporter.
    [ThreadStatic]
    private static AccountRouting[]? t_serviceChain;

    /// Returns how many deliveries were made or handed to other gateways, stream imports of
    /// other accounts included (applied here, at the publishing gateway, and only here).
    public static int Publish(ClientConnection publisher, AccountRouting account, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message)
    {
        var flushLater = publisher.FlushLater;
        if (account.CalloutInbox is { } inbox && inbox.TryTake(subject, headerSize, message))
        {
            return 1;
        }

        if (TryRelayResponse(publisher, account, subject, headerSize, message, flushLater, out var relayed))
        {
            return relayed;
        }

        var answered = account.SystemRequests?.Invoke(subject, reply, headerSize, message, local: true) == true;
        var jetStream = account.JetStream;
        if (jetStream is not null && jetStream.TryHandle(subject, reply, headerSize, message))
        {
            answered = true;
        }

        var delivered = Route(publisher, account, subject, reply, headerSize, message, flushLater) + (answered ? 1 : 0);
        if (jetStream is not null)
        {
            // Streams capture at the gateway where a message is published, and only there.
            delivered += jetStream.Capture(subject, reply, headerSize, message);
        }

        var imports = account.StreamImports;
        if (imports.Length > 0)
        {
            delivered += RouteImports(publisher, imports, subject, reply, headerSize, message);
        }

        var services = account.ServiceImports;
        if (services.Length > 0)
        {
            delivered += RouteServiceImports(publisher, account, services, subject, reply, headerSize, message);
        }

        // One byte compared per message: only `$SYS.REQ.` subjects reach the implicit imports.
        return !subject.IsEmpty && subject[0] == (byte)'$' && subject.StartsWith(SystemImports.Prefix)
            ? delivered + RouteServiceImports(publisher, account, account.SystemImports, subject, reply, headerSize, message)
            : delivered;
    }

    /// A message the server itself publishes (system events and answers) into an account. An
    /// answer to a request that came through a service import of this gateway goes straight
    /// back to the requester, as a responder's would.
    /// headerSize: how many leading bytes of message are its headers (0: none).
    public static void PublishInternal(AccountRouting account, ReadOnlySpan<byte> subject, int headerSize, byte[] message)
    {
        var flushLater = t_internalFlush ??= [];
        var sequence = new ReadOnlySequence<byte>(message);
        if (!TryRelayResponse(null, account, subject, headerSize, sequence, flushLater, out _))
        {
            Route(null, account, subject, default, headerSize, sequence, flushLater);
        }

        OutboundBuffer.SignalAll(flushLater);
    }

    /// A request the server itself makes (auth callout): reply subject and headers, routed as
    /// any publish in the account, to local subscribers and other gateways alike.
    public static void PublishInternal(AccountRouting account, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, byte[] headers, byte[] body)
    {
        var flushLater = t_internalFlush ??= [];
        var message = new byte[headers.Length + body.Length];
        headers.CopyTo(message, 0);
        body.CopyTo(message, headers.Length);
        Route(null, account, subject, reply, headers.Length, new ReadOnlySequence<byte>(message), flushLater);
        OutboundBuffer.SignalAll(flushLater);
    }

    [ThreadStatic]
    private static List<OutboundBuffer>? t_internalFlush;

    /// A request on an imported service goes to the exporting account with an `_R_` reply that
    /// leads back here (spec/accounts.md §5). Where the exporter imports the service in turn,
    /// the request goes on to that exporter too, as in nats-server, never into an account it
    /// already passed (a cycle of imports ends there) and through at most MaxServiceChain
    /// imports.
    private static int RouteServiceImports(ClientConnection publisher, AccountRouting importer, ServiceImportRoute[] services, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message, int depth = 0)
    {
        var delivered = 0;
        var chain = t_serviceChain ??= new AccountRouting[MaxServiceChain + 1];
        chain[depth] = importer;
        foreach (var service in services)
        {
            if (!SubjectMatcher.Matches(service.LocalSubject, subject) || (depth > 0 && Passed(chain, depth, service.Exporter)))
            {
                continue;
            }

            var mapped = SubjectText.ToBytes(service.Transform.Apply(SubjectText.FromBytes(subject)));
            var rewritten = reply.IsEmpty ? [] : importer.Replies.Open(importer, service.Exporter, reply, service.ResponseType, service.ResponseThreshold);
            delivered += Route(publisher, service.Exporter, mapped, rewritten, headerSize, message, publisher.FlushLater);

            // An imported JetStream API or ack subject reaches the exporter's JetStream, and an
            // imported system request this server's answer (their answers go to the `_R_`
            // reply, back to the requester); other gateways answer what Route sent them.
            if (service.Exporter.JetStream is { } jetStream && jetStream.TryHandle(mapped, rewritten, headerSize, message))
            {
                delivered++;
            }

            if (service.Exporter.SystemRequests?.Invoke(mapped, rewritten, headerSize, message, local: true) == true)
            {
                delivered++;
            }

            if (depth + 1 < MaxServiceChain && service.Exporter.ServiceImports is { Length: > 0 } onward)
            {
                delivered += RouteServiceImports(publisher, service.Exporter, onward, mapped, rewritten, headerSize, message, depth + 1);
            }
        }

        return delivered;
    }

    // Whether the request already went into this account on its way here (the first importer,
    // where it was published, included).
    private static bool Passed(AccountRouting[] chain, int depth, AccountRouting account)
    {
        for (var i = 0; i <= depth; i++)
        {
            if (ReferenceEquals(chain[i], account))
            {
                return true;
            }
        }

        return false;
    }

    /// A responder answered on an `_R_` subject this gateway handed out: deliver the answer in
    /// the requester's account on the requester's own reply subject. Only a publish in the
    /// exporting account the request went to counts; anywhere else (another tenant guessing or
    /// copying the subject) it is an ordinary subject of the publisher's own account.
    private static bool TryRelayResponse(ClientConnection? responder, AccountRouting account, ReadOnlySpan<byte> subject, int headerSize, in ReadOnlySequence<byte> message, List<OutboundBuffer> flushLater, out int delivered)
    {
        delivered = 0;
        if (!account.Replies.IsOurs(subject) || !account.Replies.TryTake(subject, account, out var importer, out var reply))
        {
            return false;
        }

        // Through a chain of imports the answer goes back one import at a time: the reply
        // subject in the middle account is itself one of ours.
        for (var hop = 1; hop < MaxServiceChain && importer.Replies.IsOurs(reply) && importer.Replies.TryTake(reply, importer, out var previous, out var previousReply); hop++)
        {
            importer = previous;
            reply = previousReply;
        }

        delivered = Route(responder, importer, reply, default, headerSize, message, flushLater);
        return true;
    }

    private static int RouteImports(ClientConnection publisher, StreamImportRoute[] imports, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message)
    {
        var delivered = 0;
        foreach (var import in imports)
        {
            if (import.Map(subject) is { } mapped)
            {
                delivered += Route(publisher, import.Target, mapped, reply, headerSize, message, publisher.FlushLater);
                // The importer's streams capture what it imports, as its subscribers receive it.
                if (import.Target.JetStream is { } jetStream)
                {
                    delivered += jetStream.Capture(mapped, reply, headerSize, message);
                }
            }
        }

        return delivered;
    }

    private static int Route(ClientConnection? publisher, AccountRouting account, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message, List<OutboundBuffer> flushLater) =>
        Route(publisher, account, subject, subject, reply, headerSize, message, flushLater);

    /// A message the server delivers on behalf of a stream: routed by `to` (a pull's reply
    /// subject, a push consumer's deliver subject) while the MSG frame carries the stored
    /// subject (spec/jetstream.md §5.2). Local subscribers and other gateways alike.
    public static void RouteAs(AccountRouting account, ReadOnlySpan<byte> to, ReadOnlySpan<byte> frame, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message)
    {
        var flushLater = t_internalFlush ??= [];
        Route(null, account, to, frame, reply, headerSize, message, flushLater);
        OutboundBuffer.SignalAll(flushLater);
    }

    /// Routes by subject; frame is what the MSG line says (the same bytes unless a stream delivers).
    private static int Route(ClientConnection? publisher, AccountRouting account, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> frame, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message, List<OutboundBuffer> flushLater)
    {
        var match = account.Match(subject);
        var delivered = 0;
        var echo = publisher?.Echo ?? true;
        foreach (var sub in match.Plain)
        {
            if ((echo || sub.Client != publisher) && sub.Client.Deliver(sub, frame, reply, headerSize, message, flushLater))
            {
                delivered++;
            }
        }

        List<(RemoteGatewayLink Link, byte[] Queue)>? remoteQueues = null;
        foreach (var queue in match.Queues)
        {
            var draw = Random.Shared.Next(queue.TotalWeight);
            if (draw < queue.Local.Length && DeliverToOne(queue.Local, draw, echo ? null : publisher, frame, reply, headerSize, message, flushLater))
            {
                delivered++;
            }
            else if (queue.Remote.Length > 0)
            {
                remoteQueues ??= t_remoteQueues ??= [];
                var link = draw >= queue.Local.Length ? queue.RemoteFor(draw) : queue.Remote[Random.Shared.Next(queue.Remote.Length)];
                remoteQueues.Add((link, queue.Name));
            }
        }

        foreach (var link in match.RemotePlain)
        {
            link.Enqueue(subject, frame, reply, headerSize, message, plain: true, remoteQueues);
            delivered++;
        }

        if (remoteQueues is not null)
        {
            delivered += EnqueueQueueOnly(match, remoteQueues, subject, frame, reply, headerSize, message);
            remoteQueues.Clear();
        }

        return delivered;
    }

    /// Delivers a message that another gateway routed here; the caller signals flushLater.
    public static void DeliverFromRemote(AccountRouting account, ref MessageBatchReader record, List<OutboundBuffer> flushLater)
    {
        var message = new ReadOnlySequence<byte>(record.Message);
        var subject = record.Subject;
        if (account.CalloutInbox is { } inbox && inbox.TryTake(subject, record.HeaderSize, message))
        {
            return;
        }

        if (TryRelayResponse(null, account, subject, record.HeaderSize, message, flushLater, out _))
        {
            return;
        }

        account.SystemRequests?.Invoke(subject, record.Reply, record.HeaderSize, message, local: false);

        var match = account.Match(subject);
        var frame = record.FrameSubject;
        if ((record.Flags & MessageBatch.DeliverToPlain) != 0)
        {
            foreach (var sub in match.Plain)
            {
                sub.Client.Deliver(sub, frame, record.Reply, record.HeaderSize, message, flushLater);
            }
        }

        while (record.NextQueue(out var name))
        {
            foreach (var queue in match.Queues)
            {
                if (queue.Local.Length > 0 && name.SequenceEqual(queue.Name))
                {
                    DeliverToOne(queue.Local, Random.Shared.Next(queue.Local.Length), null, frame, record.Reply, record.HeaderSize, message, flushLater);
                    break;
                }
            }
        }
    }

    /// Tries members from a random start and walks on, as nats-server does, past members
    /// that refuse (closed, over their limit, or the publisher itself with echo off).
    private static bool DeliverToOne(Subscription[] members, int start, ClientConnection? skip, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message, List<OutboundBuffer> flushLater)
    {
        for (var i = 0; i < members.Length; i++)
        {
            var sub = members[(start + i) % members.Length];
            if (sub.Client != skip && sub.Client.Deliver(sub, subject, reply, headerSize, message, flushLater))
            {
                return true;
            }
        }

        return false;
    }

    /// Gateways chosen only for queue groups (no plain interest there) get their own record.
    private static int EnqueueQueueOnly(SubjectMatch match, List<(RemoteGatewayLink Link, byte[] Queue)> remoteQueues, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> frame, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message)
    {
        var sent = 0;
        for (var i = 0; i < remoteQueues.Count; i++)
        {
            var link = remoteQueues[i].Link;
            if (Array.IndexOf(match.RemotePlain, link) >= 0 || IndexOfLink(remoteQueues, link) < i)
            {
                continue;
            }

            link.Enqueue(subject, frame, reply, headerSize, message, plain: false, remoteQueues);
            sent++;
        }

        return sent;
    }

    private static int IndexOfLink(List<(RemoteGatewayLink Link, byte[] Queue)> list, RemoteGatewayLink link)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Link == link)
            {
                return i;
            }
        }

        return -1;
    }
}
