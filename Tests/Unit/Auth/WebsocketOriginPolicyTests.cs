using Natrium.Gateway.WebSockets;

namespace Natrium.Tests.Unit.Auth;

/// same_origin and allowed_origins as nats-server's checkOrigin decides them.
public sealed class WebsocketOriginPolicyTests
{
    private static string? Same(string? origin, string host, bool tls = false) =>
        new WebsocketOriginPolicy(new WebsocketOptions { SameOrigin = true }).Refusal(origin, host, tls);

    [Theory]
    [InlineData("http://example.com", "example.com", false, null)]
    [InlineData("http://example.com:80", "example.com", false, null)]
    [InlineData("https://example.com", "example.com", true, null)]
    [InlineData("http://EXAMPLE.com:8080", "example.com:8080", false, null)]
    [InlineData("http://example.com:8080", "example.com", false, "not same origin")]
    [InlineData("http://other.com", "example.com", false, "not same origin")]
    [InlineData(null, "example.com", false, null)]
    public void Same_origin_compares_host_and_port_with_scheme_defaults(string? origin, string host, bool tls, string? refusal)
    {
        Assert.Equal(refusal, Same(origin, host, tls));
    }

    [Theory]
    [InlineData("https://app.example.com", null)]
    [InlineData("https://app.example.com:443", null)]
    [InlineData("http://app.example.com", "not in the allowed list")]
    [InlineData("https://app.example.com:8443", "not in the allowed list")]
    [InlineData("https://evil.example.com", "not in the allowed list")]
    [InlineData("not a url", "invalid origin")]
    public void Allowed_list_needs_scheme_host_and_port_to_match(string origin, string? refusal)
    {
        var policy = new WebsocketOriginPolicy(new WebsocketOptions { AllowedOrigins = ["https://app.example.com"] });
        Assert.Equal(refusal, policy.Refusal(origin, "127.0.0.1:8080", tls: false));
    }

    [Fact]
    public void Without_rules_every_origin_passes()
    {
        Assert.Null(new WebsocketOriginPolicy(new WebsocketOptions()).Refusal("http://anything", "x", tls: false));
    }
}
