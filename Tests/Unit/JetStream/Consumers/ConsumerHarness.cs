using System.Text;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Consumers;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// A consumer engine over a FakeStreamView with a hand-driven clock: Publish stores and tells
/// the engine, Advance moves time and runs Tick when a deadline passes, Take returns and clears
/// what the engine sent.
internal sealed class ConsumerHarness
{
    public const long Second = 1_000_000_000;
    public const long Millisecond = 1_000_000;
    public const string StreamName = "S";
    public const string ConsumerName = "c";

    private readonly List<ConsumerOutput> _outputs = [];

    public ConsumerHarness(ConsumerConfig config, Action<FakeStreamView, ConsumerHarness>? before = null, ConsumerSnapshot? restored = null, FakeStreamView? view = null)
    {
        View = view ?? new FakeStreamView();
        before?.Invoke(View, this);
        Engine = new ConsumerEngine(StreamName, ConsumerName, config, View, Now, restored);
    }

    public FakeStreamView View { get; }

    public ConsumerEngine Engine { get; private set; }

    /// Unix nanoseconds; starts at 2026-12-02T19:00:00Z.
    public long Now { get; private set; } = 1_796_238_000_000_000_000;

    public StoredMessage Publish(string subject, string data = "x", string headers = "")
    {
        var message = View.Add(subject, data, Now, headers);
        Engine?.OnStored(message.Sequence, Now, _outputs);
        return message;
    }

    /// Stores without telling an engine (before it exists).
    public void Seed(string subject, string data = "x") => View.Add(subject, data, Now);

    public void Pull(string body, string reply = "in.1") => Engine.Pull(Encoding.UTF8.GetBytes(body), reply, Now, _outputs);

    public void Ack(string ackSubject, string body = "", string? reply = null) =>
        Engine.Ack(ackSubject, Encoding.UTF8.GetBytes(body), reply, Now, _outputs);

    public void Interest(bool interest) => Engine.SetPushInterest(interest, Now, _outputs);

    public void FlowControlReply(string subject) => Engine.FlowControlReply(subject, Now, _outputs);

    public void Delete() => Engine.Delete(Now, _outputs);

    /// Moves the clock forward, ticking at every deadline passed on the way, as the stream
    /// grain's timer would.
    public void Advance(long nanos)
    {
        var until = Now + nanos;
        var ticksAtSameTime = 0;
        while (Engine.NextDeadline is var deadline && deadline <= until && !Engine.IsInactive(Math.Max(deadline, Now)))
        {
            ticksAtSameTime = deadline <= Now ? ticksAtSameTime + 1 : 0;
            Assert.True(ticksAtSameTime < 3, $"NextDeadline stays at {deadline} after Tick at {Now}");
            Now = Math.Max(deadline, Now);
            Engine.Tick(Now, _outputs);
        }

        Now = until;
        Engine.Tick(Now, _outputs);
    }

    public void Restart(ConsumerConfig config, ConsumerSnapshot snapshot) =>
        Engine = new ConsumerEngine(StreamName, ConsumerName, config, View, Now, snapshot);

    public List<ConsumerOutput> Take()
    {
        var taken = _outputs.ToList();
        _outputs.Clear();
        return taken;
    }

    public List<ConsumerOutput> Outputs => _outputs;

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// One line per output, easy to compare: `MSG <to> <subject> <ack> <data>`,
    /// `STATUS <to> <header block with \r\n shown as |>`, `REPLY <to> <body>`, `ADVISORY <to>`.
    public static string Describe(ConsumerOutput output) => output switch
    {
        DeliverMessage m => $"MSG {m.To} {m.Message.Subject} {m.AckSubject} {Encoding.ASCII.GetString(m.Message.Data.Span)}",
        DeliverStatus s => $"STATUS {s.To} {Text(s.HeaderBlock).Replace("\r\n", "|", StringComparison.Ordinal)}" + (s.Reply is null ? "" : " reply " + s.Reply),
        SendReply r => $"REPLY {r.To} {Text(r.Body)}",
        PublishAdvisory a => $"ADVISORY {a.To}",
        _ => output.ToString()!,
    };

    public List<string> TakeLines() => Take().Select(Describe).ToList();

    public List<DeliverMessage> TakeMessages() => Take().OfType<DeliverMessage>().ToList();
}
