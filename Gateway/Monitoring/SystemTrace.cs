using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Connections;
using Natrium.Gateway.Hosting;

namespace Natrium.Gateway.Monitoring;

/// -VV / trace_verbose: what the server itself publishes in the system account, traced as
/// nats-server 2.9.10 traces its internal SYSTEM client: `SYSTEM - <<- [PUB <subject>  <size>]`
/// (two spaces: its empty reply field) and the payload line. Natrium publishes an advisory only
/// when someone subscribes to it, so only those that are sent appear.
internal static partial class SystemTrace
{
    public static void Published(GatewayNode node, byte[] subject, byte[] body)
    {
        if (!node.Options.TraceVerbose || !node.Logger.IsEnabled(LogLevel.Trace))
        {
            return;
        }

        LogPub(node.Logger, SubjectText.FromBytes(subject), body.Length.ToString(CultureInfo.InvariantCulture));
        LogPayload(node.Logger, TracedPayload.Format(new ReadOnlySequence<byte>(body), node.Options.MaxTracedMsgLen));
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "SYSTEM - <<- [PUB {Subject}  {Size}]")]
    private static partial void LogPub(ILogger logger, string subject, string size);

    [LoggerMessage(Level = LogLevel.Trace, Message = "SYSTEM - <<- MSG_PAYLOAD: [{Payload}]")]
    private static partial void LogPayload(ILogger logger, string payload);
}
