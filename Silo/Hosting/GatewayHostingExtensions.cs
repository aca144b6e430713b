using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime;

using Natrium.Gateway.Audit;
using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Hosting;

public static class GatewayHostingExtensions
{
    /// Co-hosts a NATS gateway in this silo. Call once per listener; each call adds a gateway
    /// with its own port and identity.
    public static ISiloBuilder AddNatsGateway(this ISiloBuilder silo, GatewayOptions options)
    {
        var errors = GatewayOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        silo.Services.AddSingleton(sp => new GatewayNode(
            options, sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString())
        {
            AuditLog = sp.GetService<AuthAuditLog>(),
        });
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, Cluster.NodeLossWatcher>());
        silo.Services.TryAddSingleton<ClientPortsOpening>();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, GatewayLifecycle>());
        return silo;
    }
}
