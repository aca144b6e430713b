using System.Net;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// /stacksz when the runtime cannot write a dump of the process (its diagnostics port is off):
/// still 200 with what the process shows in-process, and neither the reason nor the frames
/// name a path.
public sealed class StackszFallbackTests
{
    [Fact]
    public async Task Stacksz_without_a_diagnostics_port_falls_back_to_the_in_process_view()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync("http: 127.0.0.1:-1\n",
            environment: new Dictionary<string, string?> { ["DOTNET_EnableDiagnostics"] = "0" });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.GetAsync(natrium.MonitoringUrl + "/stacksz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^the stack dump failed \(\w+\); what the process shows without one:\n", body);
        Assert.Contains("request thread", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), body, StringComparison.Ordinal);
        // Frames without source paths: where the build ran is nobody's business.
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        using var health = await http.GetAsync(natrium.MonitoringUrl + "/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
