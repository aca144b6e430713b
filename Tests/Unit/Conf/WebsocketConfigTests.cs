using Natrium.Contracts.Security;
using Natrium.Gateway.WebSockets;
using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;
using static Natrium.Tests.Unit.Conf.ConfText;

namespace Natrium.Tests.Unit.Conf;

/// The websocket block as nats-server 2.9.10 reads it, and its startup checks with its texts.
public sealed class WebsocketConfigTests
{
    private static IReadOnlyList<string> LoadErrors(string text)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, text);
            var (_, diagnostics) = ServerOptionsLoader.Load(new Natrium.Silo.Cli.CommandLineOptions { ConfigFile = path });
            return [.. diagnostics.Errors.Select(e => e.ToString()!)];
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Every_key_and_alias_maps_onto_the_options()
    {
        var (o, d) = Map("""
            websocket {
              listen: "127.0.0.1:8443"
              advertise: "ws.example.com:443"
              no_tls: true
              same_origin: true
              origins: ["https://app.example.com", "http://localhost:3000"]
              handshake_timeout: "3s"
              compress: true
              jwt_cookie: "natsjwt"
              no_auth_user: "guest"
              authentication { user: "u", pass: "p", timeout: 1.5 }
            }
            """);
        Assert.Empty(d.Errors);
        Assert.Empty(d.Notices);
        var ws = o.Gateways[0].Websocket!;
        Assert.Equal(("127.0.0.1", 8443), (ws.Host, ws.Port));
        Assert.Equal("ws.example.com:443", ws.Advertise);
        Assert.True(ws.NoTls && ws.SameOrigin && ws.Compression);
        Assert.Equal(["https://app.example.com", "http://localhost:3000"], ws.AllowedOrigins);
        Assert.Equal(TimeSpan.FromSeconds(3), ws.HandshakeTimeout);
        Assert.Equal(("natsjwt", "guest", "u", "p"), (ws.JwtCookie, ws.NoAuthUser, ws.Username, ws.Password));
        Assert.Equal(TimeSpan.FromSeconds(1.5), ws.AuthTimeout);
    }

    [Fact]
    public void Block_without_a_port_starts_no_listener_and_port_minus_one_picks_one()
    {
        Assert.Null(Map("ws { host: 127.0.0.1, no_tls: true }").Options.Gateways[0].Websocket);
        Assert.Equal(0, Map("websocket { port: -1, no_tls: true }").Options.Gateways[0].Websocket!.Port);
    }

    [Fact]
    public void Unknown_key_is_an_error_with_its_position()
    {
        var (_, d) = Map("websocket {\n  port: 8080\n  bogus: 1\n}");
        Assert.Contains(d.Errors, e => e.ToString()!.Contains("t.conf:3:3: unknown field \"bogus\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("websocket { port: 8080 }", WebsocketOptionsValidator.TlsRequired)]
    [InlineData("authorization { users: [{user: a, password: b}] }\nwebsocket { port: 8080, no_tls: true, authorization { user: x, password: y } }", WebsocketOptionsValidator.UsernameWithUsers)]
    [InlineData("authorization { users: [{user: a, password: b}] }\nwebsocket { port: 8080, no_tls: true, authorization { token: t } }", WebsocketOptionsValidator.TokenWithUsers)]
    [InlineData("websocket { port: 8080, no_tls: true, jwt_cookie: c }", "trusted operators or trusted keys configuration is required for JWT authentication via cookie \"c\"")]
    [InlineData("authorization { users: [{user: a, password: b}] }\nwebsocket { port: 8080, no_tls: true, no_auth_user: z }", "no_auth_user: \"z\" not present as user or nkey in authorization block or account configuration")]
    public void Startup_checks_use_nats_servers_texts(string conf, string error)
    {
        Assert.Contains(LoadErrors(conf), e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_plain_block_loads()
    {
        Assert.Empty(LoadErrors("websocket { port: 8080, no_tls: true, allowed_origins: [\"https://a.example\"] }"));
    }

    [Fact]
    public void Overrides_replace_the_top_level_single_user_for_websocket_clients_only()
    {
        var top = new AuthorizationConfig { Token = "top-token" };
        var ws = new WebsocketOptions { Username = "wsu", Password = "wsp" }.Authorization(top);
        Assert.Equal(("wsu", "wsp", null), (ws.User, ws.Password, ws.Token));
        Assert.Equal("top-token", new WebsocketOptions().Authorization(top).Token);
    }
}
