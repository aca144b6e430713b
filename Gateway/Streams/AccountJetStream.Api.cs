using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.JetStream;
using Natrium.Contracts.Messages;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Delivery;

namespace Natrium.Gateway.Streams;

/// API requests (spec/jetstream.md §0): account-level operations go to the account's
/// JetStream grain, stream-level ones to the stream's grain; the answer is published to the
/// request's reply subject. A pull (`CONSUMER.MSG.NEXT`) is answered later, through this gateway,
/// by the stream. Requests with no stream token get no answer, as in nats-server.
internal sealed partial class AccountJetStream
{
    private void ForwardApi(string operation, string? reply, byte[] body)
    {
        // The call is issued here, in the order the connection published its requests, and only
        // its answer is awaited elsewhere: nats-server handles one connection's requests in order
        // (of two pulls against max_waiting 1 the second is refused). A Task.Run per request
        // started them from the read loop thread's local queue, last in first out. Issuing
        // queues the message to the grain and does not block.
        Task<ApiReply?> call;
        try
        {
            // A stream this gateway knows goes straight to its grain; anything else (account
            // operations, unknown streams, JetStream off) to the account's grain, which is the
            // authority on which streams exist, so a made-up name activates nothing.
            var limits = Limits;
            call = limits is not null && StreamTokenOf(operation) is { } stream && _capture.HasStream(stream)
                ? grains.GetGrain<IStreamGrain>(StreamKeys.Of(account.Name, stream)).Api(operation, body, reply, self(), limits)
                : grains.GetGrain<IJetStreamAccountGrain>(account.Name).Api(operation, body, reply, self(), limits, domain);
        }
        catch (Exception e)
        {
            LogApiFailed(logger, operation, e.Message);
            return;
        }

        _ = AnswerAsync(call, operation, reply);
    }

    private async Task AnswerAsync(Task<ApiReply?> call, string operation, string? reply)
    {
        try
        {
            var answer = await call.ConfigureAwait(false);
            if (answer is not null && reply is not null)
            {
                var bytes = SubjectText.ToBytes(reply);
                MessageRouter.RouteAs(account, bytes, bytes, default, answer.HeaderSize, new System.Buffers.ReadOnlySequence<byte>(answer.Message));
            }
        }
        catch (Exception e)
        {
            LogApiFailed(logger, operation, e.Message);
        }
    }

    /// The stream a stream-level operation names, or null for an account-level one (INFO and
    /// STREAM.CREATE/UPDATE/DELETE/NAMES/LIST, which decide across the account's streams).
    internal static string? StreamTokenOf(string operation)
    {
        var tokens = operation.Split('.');
        return tokens switch
        {
            ["STREAM", "INFO" or "PURGE", var s, ..] => s,
            ["STREAM", "MSG", "GET" or "DELETE", var s, ..] => s,
            ["DIRECT", "GET", var s, ..] => s,
            ["CONSUMER", "DURABLE", "CREATE", var s, ..] => s,
            ["CONSUMER", "MSG", "NEXT", var s, ..] => s,
            ["CONSUMER", "CREATE" or "INFO" or "DELETE" or "NAMES" or "LIST", var s, ..] => s,
            _ => null,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "JetStream request {Operation} failed: {Reason}")]
    private static partial void LogApiFailed(ILogger logger, string operation, string reason);
}
