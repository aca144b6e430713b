namespace Natrium.Contracts.Messages;

/// One gateway's share of a cluster-wide /connz: whether it knows the asked account (acc=), how
/// many connections it counts for the total, and its first offset+limit connections in the
/// asked order, each already written as /connz JSON.
[GenerateSerializer, Immutable, Alias("natrium.connz-part")]
public sealed record ConnzPart(
    [property: Id(0)] bool KnowsAccount,
    [property: Id(1)] int Total,
    [property: Id(2)] ConnzRow[] Rows);

/// One connection of a ConnzPart: its place in the asked order (Key, then Text, then Cid, all
/// ascending) and its JSON object.
[GenerateSerializer, Immutable, Alias("natrium.connz-row")]
public sealed record ConnzRow(
    [property: Id(0)] long Key,
    [property: Id(1)] string Text,
    [property: Id(2)] ulong Cid,
    [property: Id(3)] byte[] Json);
