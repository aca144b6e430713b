using Microsoft.Extensions.Logging;

namespace Natrium.Gateway.Hosting;

/// Another node was declared dead: its gateways' interest leaves every started shard of every
/// account this gateway routes (so nothing more is sent to them, and a queue group's dead
/// members stop being chosen), their connections leave the account's count, and this gateway
/// registers with the account again and re-sends its own interest to those shards (account and
/// shard grains that ran on the dead node start again empty elsewhere).
public sealed partial class GatewayNode
{
    private const int ResyncAttempts = 8;
    private static readonly TimeSpan ResyncBackoff = TimeSpan.FromMilliseconds(250);

    public async Task OnNodeLostAsync(string silo)
    {
        if (_routing is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        foreach (var account in _routing.All)
        {
            account.ForgetSilo(silo);
        }

        foreach (var account in _routing.All.Where(a => a.IsAttached).ToArray())
        {
            await RetryAsync(account.Name, () => account.ReattachAsync(silo));
            OnJetStreamGrainEnded(account.Name);
        }

        await ReconcileAccountsAsync(silo);
        LogNodeLost(Logger, silo);
    }

    // Every account this gateway serves: the dead node's connections leave its count, and the
    // account is restated (an account grain that ran on the dead node starts again empty).
    private async Task ReconcileAccountsAsync(string silo)
    {
        foreach (var account in Wiring?.Served ?? [])
        {
            await RetryAsync(account, () => RestateAccountAsync(account, silo));
        }
    }

    // Right after the declaration, calls to grains that lived on the dead node may still fail
    // ("silo unavailable") until the directory has moved on: retried for a while.
    private async Task RetryAsync(string account, Func<Task> resync)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await resync();
                return;
            }
            catch (Exception) when (attempt < ResyncAttempts && !_stopping.IsCancellationRequested)
            {
                await Task.Delay(ResyncBackoff * attempt, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception e)
            {
                LogResyncFailed(Logger, account, e.Message);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Silo} was declared dead: its gateways' interest is dropped and this gateway's re-sent")]
    private static partial void LogNodeLost(ILogger logger, string silo);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restating account {Account} to its grains failed: {Cause}")]
    private static partial void LogResyncFailed(ILogger logger, string account, string cause);
}
