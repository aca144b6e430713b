using Natrium.Contracts.Messages;

namespace Natrium.Grains.Streams;

/// Where the stream's output goes: through the gateway that last called it (a gateway routes
/// in the whole account, other gateways included, so any of them reaches every subscriber).
internal sealed partial class StreamGrain
{
    private StreamOutbox _outbox = null!;
    private GatewayRef? _gateway;

    private void Remember(GatewayRef gateway) => _gateway = gateway;

    /// Sends what consumers produced in this turn.
    private void SendOutputs()
    {
        if (_outputs.Count == 0)
        {
            return;
        }

        // Deliveries move consumer positions: they are written at the next snapshot.
        _positionsChanged = true;

        if (_gateway is not { } gateway)
        {
            // Nothing serves the account yet: nobody could receive these.
            _outputs.Clear();
            return;
        }

        foreach (var output in _outputs)
        {
            _outbox.Add(output, gateway);
        }

        _outputs.Clear();
        _outbox.Send(gateway);
    }
}
