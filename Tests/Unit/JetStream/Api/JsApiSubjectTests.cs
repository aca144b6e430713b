using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

public sealed class JsApiSubjectTests
{
    [Theory]
    [InlineData("$JS.API.INFO", "AccountInfo", "", "", "")]
    [InlineData("$JS.API.STREAM.CREATE.ORDERS", "StreamCreate", "ORDERS", "", "")]
    [InlineData("$JS.API.STREAM.UPDATE.ORDERS", "StreamUpdate", "ORDERS", "", "")]
    [InlineData("$JS.API.STREAM.INFO.ORDERS", "StreamInfo", "ORDERS", "", "")]
    [InlineData("$JS.API.STREAM.DELETE.ORDERS", "StreamDelete", "ORDERS", "", "")]
    [InlineData("$JS.API.STREAM.PURGE.ORDERS", "StreamPurge", "ORDERS", "", "")]
    [InlineData("$JS.API.STREAM.NAMES", "StreamNames", "", "", "")]
    [InlineData("$JS.API.STREAM.LIST", "StreamList", "", "", "")]
    [InlineData("$JS.API.STREAM.MSG.GET.ORDERS", "StreamMsgGet", "ORDERS", "", "")]
    [InlineData("$JS.API.STREAM.MSG.DELETE.ORDERS", "StreamMsgDelete", "ORDERS", "", "")]
    [InlineData("$JS.API.CONSUMER.CREATE.ORDERS", "ConsumerCreate", "ORDERS", "", "")]
    [InlineData("$JS.API.CONSUMER.CREATE.ORDERS.proc", "ConsumerCreateNamed", "ORDERS", "proc", "")]
    [InlineData("$JS.API.CONSUMER.CREATE.ORDERS.proc.orders.*", "ConsumerCreateNamed", "ORDERS", "proc", "orders.*")]
    [InlineData("$JS.API.CONSUMER.CREATE.KV_cfg.nuid.$KV.cfg.>", "ConsumerCreateNamed", "KV_cfg", "nuid", "$KV.cfg.>")]
    [InlineData("$JS.API.CONSUMER.DURABLE.CREATE.ORDERS.d1", "ConsumerCreateDurable", "ORDERS", "d1", "")]
    [InlineData("$JS.API.CONSUMER.NAMES.ORDERS", "ConsumerNames", "ORDERS", "", "")]
    [InlineData("$JS.API.CONSUMER.LIST.ORDERS", "ConsumerList", "ORDERS", "", "")]
    [InlineData("$JS.API.CONSUMER.INFO.ORDERS.proc", "ConsumerInfo", "ORDERS", "proc", "")]
    [InlineData("$JS.API.CONSUMER.DELETE.ORDERS.proc", "ConsumerDelete", "ORDERS", "proc", "")]
    [InlineData("$JS.API.CONSUMER.MSG.NEXT.ORDERS.proc", "ConsumerMsgNext", "ORDERS", "proc", "")]
    [InlineData("$JS.API.DIRECT.GET.KV_cfg", "DirectGet", "KV_cfg", "", "")]
    [InlineData("$JS.API.DIRECT.GET.KV_cfg.$KV.cfg.a.b", "DirectGetLastBySubject", "KV_cfg", "", "$KV.cfg.a.b")]
    [InlineData("$JS.API.DIRECT.GET.KV_cfg.$KV.cfg.*", "DirectGetLastBySubject", "KV_cfg", "", "$KV.cfg.*")]
    [InlineData("$JS.API.STREAM.INFO.*", "StreamInfo", "*", "", "")]
    public void Parse_known_operations_give_their_tokens(string subject, string op, string stream, string consumer, string tail)
    {
        var request = JsApiSubject.Parse(subject);
        Assert.NotNull(request);
        Assert.Equal(op, request.Op.ToString());
        Assert.Equal(stream, request.Stream);
        Assert.Equal(consumer, request.Consumer);
        Assert.Equal(tail, request.Subject);
    }

    [Fact]
    public void Parse_one_token_after_the_name_is_not_a_filter()
    {
        // NATS.Net's `CONSUMER.CREATE.<stream>.<filter>` without a name: 2.9.10 names the
        // consumer after the first filter token and compares no filter (`eph.*` → `eph`; verified).
        var request = JsApiSubject.Parse("$JS.API.CONSUMER.CREATE.S.eph.*");
        Assert.Equal(new JsApiRequest(JsApiOp.ConsumerCreateNamed, "S", "eph", ""), request);
    }

    [Theory]
    [InlineData("$JS.API.STREAM.CREATE.A.B")] // verified on 2.9.10: silence
    [InlineData("$JS.API.STREAM.CREATE")]
    [InlineData("$JS.API.STREAM.NAMES.X")]
    [InlineData("$JS.API.STREAM.MSG.GET")]
    [InlineData("$JS.API.STREAM.MSG.GET.A.B")]
    [InlineData("$JS.API.STREAM.TEMPLATE.NAMES")]
    [InlineData("$JS.API.STREAM.SNAPSHOT.A")]
    [InlineData("$JS.API.STREAM.LEADER.STEPDOWN.A")]
    [InlineData("$JS.API.INFO.X")]
    [InlineData("$JS.API.CONSUMER.CREATE")]
    [InlineData("$JS.API.CONSUMER.DURABLE.CREATE.S")]
    [InlineData("$JS.API.CONSUMER.DURABLE.CREATE.S.D.X")]
    [InlineData("$JS.API.CONSUMER.INFO.S")]
    [InlineData("$JS.API.CONSUMER.INFO.S.C.X")]
    [InlineData("$JS.API.CONSUMER.MSG.NEXT.S")]
    [InlineData("$JS.API.CONSUMER.NAMES")]
    [InlineData("$JS.API.DIRECT.GET")]
    [InlineData("$JS.API.STREAM.INFO.")]
    [InlineData("$JS.API.STREAM..INFO")]
    [InlineData("$JS.API.")]
    [InlineData("$JS.API")]
    [InlineData("$JS.API.*")]
    [InlineData("$JS.API.>")]
    [InlineData("$JS.ACK.S.C.1.1.1.1.0")]
    [InlineData("orders.new")]
    [InlineData("$js.api.INFO")]
    public void Parse_anything_else_is_silence(string subject) => Assert.Null(JsApiSubject.Parse(subject));

    [Fact]
    public void Parse_domain_prefix_maps_to_the_api()
    {
        Assert.Equal(new JsApiRequest(JsApiOp.AccountInfo), JsApiSubject.Parse("$JS.hub.API.INFO", "hub"));
        Assert.Equal(new JsApiRequest(JsApiOp.StreamInfo, "S"), JsApiSubject.Parse("$JS.hub.API.STREAM.INFO.S", "hub"));
        Assert.Equal(new JsApiRequest(JsApiOp.StreamInfo, "S"), JsApiSubject.Parse("$JS.API.STREAM.INFO.S", "hub"));
    }

    [Theory]
    [InlineData("$JS.hub.API.INFO", null)]
    [InlineData("$JS.hub.API.INFO", "")]
    [InlineData("$JS.hub.API.INFO", "leaf")]
    [InlineData("$JS.hub.API.", "hub")]
    public void Parse_other_domains_are_silence(string subject, string? domain) =>
        Assert.Null(JsApiSubject.Parse(subject, domain));
}
