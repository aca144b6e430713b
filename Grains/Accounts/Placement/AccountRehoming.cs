using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Core.Internal;

namespace Natrium.Grains.Accounts.Placement;

/// Moves account grains to their homes: whenever the cluster's nodes change (one joins, one
/// leaves) and whenever an account arrives here, every local account whose home is now another
/// node is asked to migrate once idle, handing its state over (AccountGrain.Migration).
/// Orleans' migration asks AccountHomeDirector for the target and stays put when that is this
/// node, so a view of the cluster that differs for a moment moves nothing needlessly.
internal sealed partial class AccountRehoming(
    IClusterManifestProvider manifests,
    ILocalSiloDetails local,
    LocalAccounts accounts,
    IGrainFactory grains,
    ILogger<AccountRehoming> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stopping) =>
        Task.WhenAll(LoggedAsync(WatchNodesAsync, stopping), LoggedAsync(CheckOnRequestAsync, stopping));

    // Each loop reports its own end at once: placement still puts new accounts at home, only
    // the moves that loop drives stop.
    private async Task LoggedAsync(Func<CancellationToken, Task> loop, CancellationToken stopping)
    {
        try
        {
            await loop(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogStopped(logger, loop.Method.Name, e);
        }
    }

    private async Task WatchNodesAsync(CancellationToken stopping)
    {
        SiloAddress[] seen = [];
        await foreach (var manifest in manifests.Updates.WithCancellation(stopping))
        {
            var nodes = manifest.Silos.Keys.Order().ToArray();
            if (!nodes.SequenceEqual(seen))
            {
                seen = nodes;
                accounts.RequestCheck();
            }
        }
    }

    private async Task CheckOnRequestAsync(CancellationToken stopping)
    {
        while (await accounts.Checks.WaitToReadAsync(stopping))
        {
            accounts.Checks.TryRead(out _);
            await MoveAwayFromHereAsync();
        }
    }

    private async Task MoveAwayFromHereAsync()
    {
        var nodes = manifests.Current.Silos.Keys.ToArray();
        if (nodes.Length < 2)
        {
            return;
        }

        var leaving = accounts.Active.Where(a => !AccountHomes.Pick(a, nodes).Equals(local.SiloAddress)).ToList();
        if (leaving.Count == 0)
        {
            return;
        }

        LogMoving(logger, leaving.Count, nodes.Length);
        foreach (var account in leaving)
        {
            try
            {
                await grains.GetGrain(account).Cast<IGrainManagementExtension>().MigrateOnIdle();
            }
            catch (Exception e)
            {
                // It ended or moved meanwhile; the next change looks again.
                LogNotMoved(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} accounts move to their home nodes among {Nodes}")]
    private static partial void LogMoving(ILogger logger, int count, int nodes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An account did not move: {Reason}")]
    private static partial void LogNotMoved(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accounts no longer move to their home nodes ({Loop} ended)")]
    private static partial void LogStopped(ILogger logger, string loop, Exception exception);
}
