using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Natrium.Silo.Hosting;

/// The minimum log level as reloadable configuration, so -D/-V/debug/trace can change on a
/// config reload without restarting.
internal sealed class LogLevelSwitch(IConfigurationRoot configuration)
{
    public const string Key = "Logging:LogLevel:Default";

    public void Set(LogLevel level)
    {
        configuration[Key] = level.ToString();
        configuration.Reload();
    }
}
