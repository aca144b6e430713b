namespace Natrium.Gateway.Protocol;

// Operations a client may send (spec/protocol.md §1). Unknown covers MSG, HMSG, route and
// leaf ops (RS+, LMSG…), and any line whose op name has a bad byte.
internal enum ClientOp : byte
{
    Unknown,
    Pub,
    HPub,
    Sub,
    Unsub,
    Ping,
    Pong,
    Connect,
    Info,
    Ok,
    Err,
}
