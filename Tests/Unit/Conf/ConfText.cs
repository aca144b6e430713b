using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;

namespace Natrium.Tests.Unit.Conf;

/// Config text → server options, as natrium maps a file (includes refused).
internal static class ConfText
{
    public static (ServerOptions Options, ConfDiagnostics Diagnostics) Map(string text)
    {
        var diagnostics = new ConfDiagnostics();
        return (ServerOptionsMapper.Map(ConfParser.ParseString(text, "t.conf", _ => null), diagnostics), diagnostics);
    }
}
