using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Natrium.Grains.Accounts.Placement;

/// The account grains active on this node, for AccountRehoming to check against their homes.
/// An activation arriving asks for a check (it may have been placed by a node that did not yet
/// know every other); requests coalesce, so a burst of activations costs one pass.
internal sealed class LocalAccounts
{
    private readonly ConcurrentDictionary<GrainId, byte> _active = new();
    private readonly Channel<bool> _checks = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public ICollection<GrainId> Active => _active.Keys;

    internal ChannelReader<bool> Checks => _checks.Reader;

    public void Add(GrainId account)
    {
        _active[account] = 0;
        RequestCheck();
    }

    public void Remove(GrainId account) => _active.TryRemove(account, out _);

    internal void RequestCheck() => _checks.Writer.TryWrite(true);
}
