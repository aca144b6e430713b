using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Natrium.Silo.Hosting;

/// When the gateways let clients in. At once without a monitoring listener; with one, once it
/// is up (the web host starts its server after every hosted service, the silo's included), so
/// that /healthz answers as soon as a client can connect, as nats-server starts its monitor
/// before its client listener. The ports file waits for Opened.
internal sealed partial class ClientPortsOpening(IHostApplicationLifetime lifetime, IServiceProvider services, ILogger<ClientPortsOpening> logger)
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// Completes once every gateway accepts clients; faults when one could not open.
    public Task Opened => _opened.Task;

    /// Runs open now (awaited by the caller), or once the monitoring listener is up.
    public Task ScheduleAsync(Func<Task> open)
    {
        if (services.GetService(typeof(ServerOptions)) is not ServerOptions { Monitoring.Enabled: true })
        {
            return OpenAsync(open);
        }

        lifetime.ApplicationStarted.Register(() => _ = OpenDeferredAsync(open));
        return Task.CompletedTask;
    }

    private async Task OpenAsync(Func<Task> open)
    {
        try
        {
            await open();
            _opened.TrySetResult();
        }
        catch (Exception e)
        {
            _opened.TrySetException(e);
            throw;
        }
    }

    /// Nobody awaits a deferred open: a failure (a websocket port taken meanwhile) ends the
    /// process as a failed start does, rather than leaving a server that lets nobody in.
    private async Task OpenDeferredAsync(Func<Task> open)
    {
        try
        {
            await OpenAsync(open);
        }
        catch (Exception e)
        {
            LogOpenFailed(logger, e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Client listeners could not open: {Error}")]
    private static partial void LogOpenFailed(ILogger logger, string error);
}
