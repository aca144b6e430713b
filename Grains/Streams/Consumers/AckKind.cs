namespace Natrium.Grains.Streams.Consumers;

/// What an ack body asks for (spec/jetstream.md §6).
internal enum AckKind
{
    /// Not an ack body 2.9.10 knows: nothing happens but the double-ack reply.
    Ignored,

    /// Empty, `+ACK` or `+OK`.
    Ack,

    /// `-NAK`, optionally with a delay.
    Nak,

    /// `+WPI`: still working, restart ack_wait.
    Progress,

    /// `+NXT`, optionally with a pull body: ack and pull again to the ack's reply subject.
    Next,

    /// `+TERM`, optionally with a reason: never redeliver.
    Term,
}
