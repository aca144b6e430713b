using System.Text.Json;
using Natrium.Contracts.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// The `nats` objects of fully populated account and user claims, pinned. Each field name and
/// the order were checked by hand against the struct tags of nats-io/jwt v2 (account_claims.go,
/// exports.go, imports.go, signingkeys.go, types.go, user_claims.go).
public sealed class JwtWireFormatTests
{
    private const string AccountNats =
        "{\"type\":\"account\",\"imports\":[{\"name\":\"svc\",\"subject\":\"help.>\",\"account\":\"ABZ76AGDOTJIUGPTGWJIWC5YFV7O5WERAFU4S" +
        "7G4CHIFJFLKDC6KYR6M\",\"token\":\"tok\",\"local_subject\":\"ask.>\",\"type\":\"service\",\"allow_trace\":true},{\"name\":\"feed\"" +
        ",\"subject\":\"feed.>\",\"account\":\"ABZ76AGDOTJIUGPTGWJIWC5YFV7O5WERAFU4S7G4CHIFJFLKDC6KYR6M\",\"to\":\"in\",\"type\":\"str" +
        "eam\",\"share\":true}],\"exports\":[{\"name\":\"svc\",\"subject\":\"svc.*\",\"type\":\"service\",\"token_req\":true,\"revocations\"" +
        ":{\"ABZ76AGDOTJIUGPTGWJIWC5YFV7O5WERAFU4S7G4CHIFJFLKDC6KYR6M\":1700000001},\"response_type\":\"Stream\",\"response_th" +
        "reshold\":5000000000,\"service_latency\":{\"sampling\":50,\"results\":\"lat.results\"},\"account_token_position\":2,\"adve" +
        "rtise\":true,\"allow_trace\":true,\"description\":\"d\",\"info_url\":\"http://i\"},{\"name\":\"feed\",\"subject\":\"feed.>\",\"typ" +
        "e\":\"stream\",\"service_latency\":{\"sampling\":\"headers\",\"results\":\"r\"}}],\"limits\":{\"subs\":-1,\"data\":1099511627776," +
        "\"payload\":1048576,\"imports\":10,\"exports\":-1,\"wildcards\":true,\"disallow_bearer\":true,\"conn\":100,\"leaf\":-1,\"mem_" +
        "storage\":1073741824,\"disk_storage\":-1,\"streams\":5,\"consumer\":50,\"max_ack_pending\":1000,\"mem_max_stream_bytes\":" +
        "1048576,\"disk_max_stream_bytes\":33554432,\"max_bytes_required\":true},\"signing_keys\":[\"AAJVWISUKQLSF4VIKBYHKR7AA" +
        "VBQKGSZMNM6TS5V6QMG4OFXV55HCUQV\",{\"kind\":\"user_scope\",\"key\":\"ADRM22RYQMSQKJL3DK42T6JGQKIM7ZARSUEYWFF2HDMYQT6RF" +
        "2B4AVKG\",\"role\":\"app\",\"template\":{\"pub\":{\"allow\":[\"app.{{name()}}.>\"]},\"sub\":{\"allow\":[\"_INBOX.>\"],\"deny\":[\"se" +
        "cret.>\"]},\"subs\":10,\"data\":-1,\"payload\":0,\"bearer_token\":true},\"description\":\"scoped\"}],\"revocations\":{\"UAB2CB" +
        "576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RLKK\":1700000002,\"*\":1600000000},\"default_permissions\":{\"pub\":{\"" +
        "deny\":[\">\"]},\"sub\":{},\"resp\":{\"max\":1,\"ttl\":0}},\"mappings\":{\"orders\":[{\"subject\":\"orders.v1\",\"weight\":80},{\"su" +
        "bject\":\"orders.v2\",\"weight\":20,\"cluster\":\"c1\"}]},\"authorization\":{\"auth_users\":[\"UAB2CB576PHBBPQ5ODORRZ2LYCMWP" +
        "ZGWGCN2KDK7DXOIMZASKUY3RLKK\"],\"allowed_accounts\":[\"*\"],\"xkey\":\"XAJ34T7K5LZAJR75GNMPZHAAOIMIDULUE6ASQIT6YZ2PG73" +
        "75F5W23BG\"},\"trace\":{\"dest\":\"trace.dest\",\"sampling\":10},\"cluster_traffic\":\"owner\",\"description\":\"an account\",\"" +
        "info_url\":\"http://info\",\"tags\":[\"team:a\"],\"version\":2}";

    private const string UserNats =
        "{\"type\":\"user\",\"pub\":{\"allow\":[\"a.>\",\"b\"],\"deny\":[\"a.secret\"]},\"sub\":{\"allow\":[\"q.* workers\"],\"deny\":[\"x\"]},\"r" +
        "esp\":{\"max\":5,\"ttl\":60000000000},\"src\":[\"127.0.0.0/8\",\"::1/128\"],\"times\":[{\"start\":\"08:00:00\",\"end\":\"17:00:00\"" +
        "},{\"start\":\"22:00:00\",\"end\":\"02:00:00\"}],\"times_location\":\"Europe/Berlin\",\"subs\":100,\"data\":-1,\"payload\":4096," +
        "\"bearer_token\":true,\"proxy_required\":true,\"allowed_connection_types\":[\"STANDARD\",\"WEBSOCKET\"],\"issuer_account\"" +
        ":\"AAU2ZOXBIG6MV4FSFYNJJU2NBPDTMHSSNUF74EWIS6KLZEZCSZW5OICT\",\"tags\":[\"role:admin\"],\"version\":2}";

    [Fact]
    public void Account_nats_object_has_go_field_names_and_order()
    {
        Assert.Equal(AccountNats, NatsObject(JwtEncoder.Encode(JwtClaimSamples.NewAccount(), JwtClaimSamples.Operator)));
    }

    [Fact]
    public void User_nats_object_has_go_field_names_and_order()
    {
        Assert.Equal(UserNats, NatsObject(JwtEncoder.Encode(JwtClaimSamples.NewUser(), JwtClaimSamples.Account)));
    }

    [Fact]
    public void Empty_claims_write_only_what_go_writes_without_omitempty()
    {
        var account = NatsObject(JwtEncoder.Encode(new AccountClaims { Subject = JwtClaimSamples.Account.PublicKey }, JwtClaimSamples.Operator));
        Assert.Equal("""{"type":"account","limits":{},"default_permissions":{"pub":{},"sub":{}},"authorization":{},"version":2}""", account);
        var user = NatsObject(JwtEncoder.Encode(new UserClaims { Subject = JwtClaimSamples.User.PublicKey }, JwtClaimSamples.Account));
        Assert.Equal("""{"type":"user","pub":{},"sub":{},"version":2}""", user);
    }

    private static string NatsObject(string token)
    {
        using var document = JsonDocument.Parse(TokenForge.DecodePayload(token));
        return document.RootElement.GetProperty("nats").GetRawText();
    }
}
