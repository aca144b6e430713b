using System.Net;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// A user JWT's `src` and `times`/`times_location` (spec/jwt.md §6, §7 step 11).
public sealed class JwtUserSourceAndTimesTests
{
    private readonly JwtAuthority _authority = new();
    private readonly NKeyPair _accountKey = JwtAuthority.NewAccountKey();
    private readonly NKeyPair _user = JwtAuthority.NewUserKey();

    private JwtLoginResult Login(UserNats nats, string? address = "127.0.0.1", DateTimeOffset? now = null, Func<UserClaims, UserClaims>? edit = null) =>
        JwtLogin.Login(JwtAuthority.UserJwt(_user, _accountKey, nats, edit: edit), _authority.Account(_accountKey), JwtLogin.Context(_user, now, address));

    [Theory]
    [InlineData("127.0.0.0/8", "127.0.0.1", true)]
    [InlineData("10.0.0.0/8", "127.0.0.1", false)]
    [InlineData("10.1.2.3/8", "10.200.0.1", true)]
    [InlineData("192.168.1.0/24", "192.168.1.255", true)]
    [InlineData("192.168.1.0/24", "192.168.2.1", false)]
    [InlineData("192.168.1.128/25", "192.168.1.127", false)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("::1/128", "::1", true)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.0.0.1", true)]
    [InlineData("::ffff:127.0.0.0/104", "127.0.0.1", true)]
    public void Src_contains_the_client_address(string cidr, string address, bool granted)
    {
        // Seen on 2.9.10: 10.0.0.0/8 refused and 127.0.0.0/8 admitted a 127.0.0.1 client, so did
        // 10.1.2.3/8 plus 127.1.2.3/8 (host bits ignored) and ::ffff:127.0.0.0/104.
        var result = Login(UserNats.Unlimited with { Src = [cidr] }, address);
        Assert.Equal(granted ? null : AuthFailureReason.JwtSourceNotAllowed, result.FailureReason);
    }

    [Fact]
    public void Src_any_of_several_networks_admits()
    {
        Assert.True(Login(UserNats.Unlimited with { Src = ["10.0.0.0/8", "127.0.0.1/32"] }).Succeeded);
    }

    [Fact]
    public void Src_comma_string_admits()
    {
        // Seen on 2.9.10: "src":"10.0.0.0/8, 127.0.0.1/32" admitted a 127.0.0.1 client.
        var payload = TokenForge.Payload(_accountKey.PublicKey, _user.PublicKey, """{"type":"user","subs":-1,"src":"10.0.0.0/8, 127.0.0.1/32","version":2}""");
        var result = JwtLogin.Login(TokenForge.Sign(payload, _accountKey), _authority.Account(_accountKey), JwtLogin.Context(_user));
        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public void Src_without_a_known_client_address_refuses() =>
        Assert.Equal(AuthFailureReason.JwtSourceNotAllowed, Login(UserNats.Unlimited with { Src = ["0.0.0.0/0"] }, address: null).FailureReason);

    [Theory]
    [InlineData("010.0.0.0/8")]
    [InlineData("10.0.0/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("10.0.0.0/-1")]
    public void SourceNetworks_refuses_what_go_refuses(string cidr) => Assert.False(SourceNetworks.TryParse(cidr, out _, out _));

    [Theory]
    [InlineData("10.0.0.0/08")]
    [InlineData("2001:db8::/128")]
    public void SourceNetworks_accepts_what_go_accepts(string cidr) => Assert.True(SourceNetworks.TryParse(cidr, out _, out _));

    [Fact]
    public void SourceNetworks_unparsable_entry_before_a_match_refuses()
    {
        // nats-server validateSrc returns false at the first entry it cannot parse.
        Assert.False(SourceNetworks.Allows(["bogus", "127.0.0.0/8"], IPAddress.Loopback));
        Assert.True(SourceNetworks.Allows(["127.0.0.0/8", "bogus"], IPAddress.Loopback));
    }

    private static UserNats Window(string start, string end, string? zone = null) =>
        UserNats.Unlimited with { Times = [new TimeRange { Start = start, End = end }], TimesLocation = zone };

    [Theory]
    [InlineData("09:00:00", "17:00:00", "2026-01-01T12:00:00Z", true)]
    [InlineData("09:00:00", "17:00:00", "2026-01-01T08:59:59Z", false)]
    [InlineData("09:00:00", "17:00:00", "2026-01-01T17:00:00Z", false)]
    [InlineData("09:00:00", "17:00:00", "2026-01-01T09:00:00Z", false)]
    [InlineData("22:00:00", "06:00:00", "2026-01-01T23:30:00Z", true)]
    [InlineData("22:00:00", "06:00:00", "2026-01-01T05:00:00Z", true)]
    [InlineData("22:00:00", "06:00:00", "2026-01-01T12:00:00Z", false)]
    [InlineData("9:00:00", "17:00:00.5", "2026-01-01T17:00:00Z", true)]
    public void Times_window_in_server_local_time(string start, string end, string now, bool granted)
    {
        // Seen on 2.9.10: a window crossing midnight admitted the part before midnight and refused
        // the part after it; that was a bug, fixed in later nats-server, whose rule we follow.
        // Window ends are exclusive, as Go's Before/After; 9:00:00 and fractions parse as in Go.
        var result = Login(Window(start, end), now: DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(granted ? null : AuthFailureReason.JwtOutsideTimes, result.FailureReason);
    }

    [Fact]
    public void Times_grant_expires_at_the_end_of_the_window()
    {
        var now = DateTimeOffset.Parse("2026-01-01T23:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var grant = Login(Window("22:00:00", "06:00:00"), now: now).Grant!;
        Assert.Equal(DateTimeOffset.Parse("2026-01-02T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture), grant.Expires);
    }

    [Fact]
    public void Times_crossing_midnight_in_another_zone()
    {
        // 22:00–02:00 in New York (UTC-5 in January): at 01:30 local = 06:30 UTC the after-midnight
        // part admits until 02:00 local = 07:00 UTC; at 12:00 UTC (07:00 local) nothing does.
        var window = Window("22:00:00", "02:00:00", "America/New_York");
        var inside = Login(window, now: DateTimeOffset.Parse("2026-01-02T06:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(inside.Succeeded, inside.FailureReason);
        Assert.Equal(DateTimeOffset.Parse("2026-01-02T07:00:00Z", System.Globalization.CultureInfo.InvariantCulture), inside.Grant.Expires);
        var before = Login(window, now: DateTimeOffset.Parse("2026-01-02T03:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse("2026-01-02T07:00:00Z", System.Globalization.CultureInfo.InvariantCulture), before.Grant!.Expires);
        Assert.Equal(AuthFailureReason.JwtOutsideTimes, Login(window, now: DateTimeOffset.Parse("2026-01-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)).FailureReason);
    }

    [Fact]
    public void Times_zone_follows_daylight_saving()
    {
        // Berlin is UTC+2 in July: 09:00–17:00 local is 07:00–15:00 UTC.
        var window = Window("09:00:00", "17:00:00", "Europe/Berlin");
        Assert.True(Login(window, now: DateTimeOffset.Parse("2026-07-01T07:30:00Z", System.Globalization.CultureInfo.InvariantCulture)).Succeeded);
        Assert.False(Login(window, now: DateTimeOffset.Parse("2026-07-01T15:30:00Z", System.Globalization.CultureInfo.InvariantCulture)).Succeeded);
    }

    [Fact]
    public void Times_of_several_windows_the_one_ending_last_wins()
    {
        var nats = UserNats.Unlimited with
        {
            Times = [new TimeRange { Start = "08:00:00", End = "13:00:00" }, new TimeRange { Start = "11:00:00", End = "18:00:00" }],
        };
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Login(nats).Grant!.Expires);
    }

    [Fact]
    public void Times_user_exp_before_the_window_end_wins()
    {
        var exp = JwtAuthority.Now.ToUnixTimeSeconds() + 60;
        var grant = Login(Window("09:00:00", "17:00:00"), edit: c => c with { Expires = exp }).Grant!;
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(exp), grant.Expires);
    }

    [Fact]
    public void Times_without_location_use_the_servers_local_zone()
    {
        var jwt = JwtAuthority.UserJwt(_user, _accountKey, Window("09:00:00", "17:00:00"));
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        // 12:00 UTC is 21:00 in Tokyo: outside when the server runs on Tokyo time.
        var context = JwtLogin.Context(_user) with { LocalTimeZone = tokyo };
        Assert.Equal(AuthFailureReason.JwtOutsideTimes, JwtLogin.Login(jwt, _authority.Account(_accountKey), context).FailureReason);
    }

    [Theory]
    [InlineData("15:04:05", true)]
    [InlineData("5:04:05", true)]
    [InlineData("23:59:59", true)]
    [InlineData("15:04:05,123", true)]
    [InlineData("15:04", false)]
    [InlineData("15:4:05", false)]
    [InlineData("15:04:60", false)]
    [InlineData("015:04:05", false)]
    [InlineData("15:04:05Z", false)]
    [InlineData("15:04:05.", false)]
    [InlineData("", false)]
    public void ConnectTimes_clock_parses_like_go(string text, bool valid) =>
        Assert.Equal(valid, ConnectTimes.TryParseClock(text, out _));

    [Theory]
    [InlineData("America/New_York", true)]
    [InlineData("UTC", true)]
    [InlineData("Eastern Standard Time", false)]
    [InlineData("/etc/localtime", false)]
    [InlineData("Europe/../../etc", false)]
    public void ConnectTimes_zone_lookup(string zone, bool found) =>
        Assert.Equal(found, ConnectTimes.TryFindZone(zone, TimeZoneInfo.Utc, out _));
}
