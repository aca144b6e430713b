using System.Text;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Parity;

/// Plays one case on a fresh raw connection and reads the server's answer. After the case's
/// bytes comes a probe (a SUB and a PUB to it): its MSG proves every byte before it was
/// handled and the connection kept, so "kept" needs no quiet period and no sleep.
public static class ParityProbe
{
    private const string Probe = "SUB parity.probe probe\r\nPUB parity.probe 0\r\n\r\n";
    private const string ProbeAnswer = "MSG parity.probe probe 0\r\n\r\n";

    public static async Task<ParityAnswer> RunAsync(int port, ParityCase parityCase)
    {
        var (client, _) = await RawClient.ConnectAsync(port);
        await using (client)
        {
            var sent = parityCase.Sent;
            for (var i = 0; i < sent.Length; i++)
            {
                // Case and probe go in one write, so the server has read everything when it
                // closes and its close is a FIN, not a reset that could lose its last -ERR.
                var chunk = i == sent.Length - 1 ? sent[i] + Probe : sent[i];
                await client.SendAsync(Encoding.Latin1.GetBytes(chunk));
            }

            var (received, closed) = await client.ReadUntilOrClosedAsync(ProbeAnswer);
            return new ParityAnswer(received, closed);
        }
    }
}
