namespace Natrium.Bench;

// What a connection's reads feed besides the counters: a request sink (the reqrep responder)
// or a message sink (JetStream replies and deliveries). Flush runs once a whole read has been
// scanned, so whatever the sink buffered (echoes, acks) goes out in one Send.
internal interface IReadSink
{
    void Flush(Connection connection);
}
