using Microsoft.Extensions.Logging;

namespace Natrium.Grains.Streams.Store;

/// What the message store reports about damaged data.
internal static partial class StoreLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream segment {Segment}: skipped {Length} damaged bytes at offset {Offset}; the messages there are lost")]
    public static partial void DamagedRecords(ILogger logger, ulong segment, long offset, long length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream segment {Segment}: cut a torn tail of {Length} bytes at offset {Offset} (an unfinished write)")]
    public static partial void TornTail(ILogger logger, ulong segment, long offset, long length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream segment {Segment}: message {Sequence} fails its checksum and is not served")]
    public static partial void UnreadableMessage(ILogger logger, ulong segment, ulong sequence);
}
