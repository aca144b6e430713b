using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// StreamConfig rules of spec §2.2; each text and echo below was seen on 2.9.10.
public sealed class StreamConfigRulesTests
{
    private static ApiResult<StreamConfig> Create(string json, string? subjectName = null, JetStreamLimitsView? limits = null)
    {
        var cfg = JsTestData.Stream(json);
        return StreamConfigRules.NormalizeCreate(cfg, subjectName ?? cfg.Name ?? "", limits ?? JetStreamLimitsView.Unlimited);
    }

    private static string Echo(ApiResult<StreamConfig> result)
    {
        Assert.False(result.IsError, result.Error?.Description);
        return JsTestData.Text(StreamConfigJson.ToBytes(result.Value));
    }

    private static void AssertInvalid(string json, string description) =>
        Assert.Equal(JsErrors.StreamInvalidConfig(description), Create(json).Error);

    [Fact]
    public void NormalizeCreate_nats_net_request_echoes_2_9_10_defaults()
    {
        var result = Create("""{"name":"ORDERS","subjects":["orders.\u003E"],"retention":"limits","max_consumers":0,"max_msgs":0,"max_bytes":0,"max_age":0,"storage":"file","num_replicas":0}""");
        Assert.Equal(
            """{"name":"ORDERS","subjects":["orders.\u003e"],"retention":"limits","max_consumers":-1,"max_msgs":-1,"max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old","storage":"file","num_replicas":1,"duplicate_window":120000000000,"allow_direct":false,"mirror_direct":false,"sealed":false,"deny_delete":false,"deny_purge":false,"allow_rollup_hdrs":false}""",
            Echo(result));
    }

    [Fact]
    public void NormalizeCreate_kv_bucket_echo()
    {
        var result = Create("""{"name":"KV_cfg","subjects":["$KV.cfg.\u003E"],"retention":"limits","max_consumers":0,"max_msgs":0,"max_msgs_per_subject":5,"max_bytes":0,"max_age":0,"storage":"file","num_replicas":1,"discard":"new","duplicate_window":120000000000,"deny_delete":true,"allow_rollup_hdrs":true,"allow_direct":true}""");
        Assert.Equal(
            """{"name":"KV_cfg","subjects":["$KV.cfg.\u003e"],"retention":"limits","max_consumers":-1,"max_msgs":-1,"max_bytes":-1,"max_age":0,"max_msgs_per_subject":5,"max_msg_size":-1,"discard":"new","storage":"file","num_replicas":1,"duplicate_window":120000000000,"allow_direct":true,"mirror_direct":false,"sealed":false,"deny_delete":true,"deny_purge":false,"allow_rollup_hdrs":true}""",
            Echo(result));
    }

    [Fact]
    public void NormalizeCreate_subjects_default_to_the_name_and_window_to_max_age()
    {
        var result = Create("""{"name":"T","max_age":1000000000,"discard_new_per_subject":true,"discard":"new","max_msgs_per_subject":3}""");
        Assert.Equal(
            """{"name":"T","subjects":["T"],"retention":"limits","max_consumers":-1,"max_msgs":-1,"max_bytes":-1,"max_age":1000000000,"max_msgs_per_subject":3,"max_msg_size":-1,"discard":"new","storage":"file","num_replicas":1,"duplicate_window":1000000000,"allow_direct":false,"mirror_direct":false,"discard_new_per_subject":true,"sealed":false,"deny_delete":false,"deny_purge":false,"allow_rollup_hdrs":false}""",
            Echo(result));
    }

    [Fact]
    public void NormalizeCreate_description_is_echoed_after_the_name()
    {
        var result = Create("""{"name":"D2","description":"hello","max_msg_size":0,"max_age":60000000000,"subjects":["d2.a","d2.b"]}""");
        Assert.StartsWith(
            """{"name":"D2","description":"hello","subjects":["d2.a","d2.b"],"retention":"limits",""", Echo(result));
        Assert.Contains(""","duplicate_window":60000000000,""", Echo(result));
    }

    [Theory]
    [InlineData("""{"name":"X"}""", "ORDERS")]
    [InlineData("""{}""", "ORDERS")]
    [InlineData("""{"name":"D 3"}""", "D3")]
    public void NormalizeCreate_name_must_equal_the_subject_token(string json, string subjectName) =>
        Assert.Same(JsErrors.StreamMismatch, Create(json, subjectName).Error);

    [Theory]
    [InlineData("D/3")]
    [InlineData("D\\3")]
    public void NormalizeCreate_path_separators_are_10128(string name) =>
        Assert.Same(JsErrors.StreamNameContainsPathSeparators, Create($$"""{"name":"{{name.Replace("\\", "\\\\")}}"}""", name).Error);

    [Fact]
    public void NormalizeCreate_sealed_and_mirror_direct_are_refused()
    {
        AssertInvalid("""{"name":"D3","sealed":true}""", "stream configuration for create can not be sealed");
        AssertInvalid("""{"name":"D3","mirror_direct":true}""", "stream has no mirror but does have mirror direct");
    }

    [Fact]
    public void NormalizeCreate_accepts_and_echoes_more_than_one_replica()
    {
        Assert.Equal(3, Create("""{"name":"V","num_replicas":3}""").Value!.Replicas);
        Assert.Same(JsErrors.ReplicasCountCannotBeNegative, Create("""{"name":"V","num_replicas":-1}""").Error);
        AssertInvalid("""{"name":"V","num_replicas":6}""", "maximum replicas is 5");
    }

    [Theory]
    [InlineData("""{"name":"V","max_age":50000000}""", "max age needs to be >= 100ms")]
    [InlineData("""{"name":"V","max_age":500000000,"duplicate_window":600000000}""", "duplicates window can not be larger then max age")]
    [InlineData("""{"name":"V","duplicate_window":50000000}""", "duplicates window needs to be >= 100ms")]
    [InlineData("""{"name":"V","duplicate_window":-5}""", "duplicates window can not be negative")]
    [InlineData("""{"name":"V","max_consumers":-5,"max_msgs":-7,"max_age":-1}""", "duplicates window can not be negative")]
    [InlineData("""{"name":"V","deny_purge":true,"allow_rollup_hdrs":true}""", "roll-ups require the purge permission")]
    [InlineData("""{"name":"V","discard_new_per_subject":true}""", "discard new per subject requires discard new policy to be set")]
    [InlineData("""{"name":"V","discard_new_per_subject":true,"discard":"new"}""", "discard new per subject requires max msgs per subject > 0")]
    [InlineData("""{"name":"V","subjects":["a","a"]}""", "duplicate subjects detected")]
    [InlineData("""{"name":"V","subjects":["a.*","a.b"]}""", "subject \"a.*\" overlaps with \"a.b\"")]
    [InlineData("""{"name":"V","subjects":["x.*","*.y"]}""", "subject \"x.*\" overlaps with \"*.y\"")]
    [InlineData("""{"name":"V","subjects":["a..b"]}""", "invalid subject")]
    [InlineData("""{"name":"V","subjects":[""]}""", "invalid subject")]
    [InlineData("""{"name":"V","subjects":["a b"]}""", "invalid subject")]
    [InlineData("""{"name":"V","subjects":[">.a"]}""", "invalid subject")]
    [InlineData("""{"name":"V","subjects":["$JS.API.>"]}""", "subjects overlap with jetstream api")]
    [InlineData("""{"name":"V","subjects":["$JS.API.*.x"]}""", "subjects overlap with jetstream api")]
    [InlineData("""{"name":"V","subjects":["$JS.API.X"]}""", "subjects overlap with jetstream api")]
    [InlineData("""{"name":"*"}""", "stream name is required and can not contain '.', '*', '>'")]
    [InlineData("""{"name":"a>"}""", "stream name is required and can not contain '.', '*', '>'")]
    [InlineData("""{"name":"a\tb"}""", "stream name is required and can not contain '.', '*', '>'")]
    public void NormalizeCreate_config_rules_are_500_10052(string json, string description) =>
        AssertInvalid(json, description);

    [Fact]
    public void NormalizeCreate_lengths_count_utf8_bytes()
    {
        string longName = new('N', 256);
        AssertInvalid($$"""{"name":"{{longName}}"}""", "stream name is too long, maximum allowed is 255");
        Assert.False(Create($$"""{"name":"{{new string('N', 255)}}"}""").IsError);
        AssertInvalid($$"""{"name":"D","description":"{{new string('é', 2049)}}"}""", "stream description is too long, maximum allowed is 4096");
        Assert.False(Create($$"""{"name":"D","description":"{{new string('é', 2048)}}"}""").IsError);
    }

    [Fact]
    public void NormalizeCreate_wider_subjects_than_the_api_are_allowed()
    {
        // 2.9.10 only refuses subjects inside $JS.API.>; `>` and `$JS.>` were created (seen).
        Assert.False(Create("""{"name":"ALL","subjects":[">"]}""").IsError);
        Assert.False(Create("""{"name":"J","subjects":["$JS.>"]}""").IsError);
    }

    [Fact]
    public void Normalize_account_max_bytes_rules()
    {
        var required = new JetStreamLimitsView(MaxBytesRequired: true);
        Assert.Same(JsErrors.StreamMaxBytesRequired, Create("""{"name":"B"}""", limits: required).Error);
        Assert.False(Create("""{"name":"B","max_bytes":10}""", limits: required).IsError);
        var capped = new JetStreamLimitsView(StoreMaxStreamBytes: 100, MemoryMaxStreamBytes: 10);
        Assert.Same(JsErrors.StreamMaxStreamBytesExceeded, Create("""{"name":"B","max_bytes":101}""", limits: capped).Error);
        Assert.False(Create("""{"name":"B","max_bytes":100}""", limits: capped).IsError);
        Assert.Same(JsErrors.StreamMaxStreamBytesExceeded, Create("""{"name":"B","max_bytes":11,"storage":"memory"}""", limits: capped).Error);
    }

    [Fact]
    public void NormalizeUpdate_checks_the_config_before_the_name()
    {
        var bad = JsTestData.Stream("""{"name":"X","max_age":5}""");
        Assert.Equal(JsErrors.StreamInvalidConfig("max age needs to be >= 100ms"),
            StreamConfigRules.NormalizeUpdate(bad, "U", JetStreamLimitsView.Unlimited).Error);
        Assert.Same(JsErrors.StreamMismatch,
            StreamConfigRules.NormalizeUpdate(JsTestData.Stream("""{"name":"X"}"""), "U", JetStreamLimitsView.Unlimited).Error);
    }

    [Fact]
    public void NormalizeUpdate_lets_replicas_and_mirror_direct_through()
    {
        // 2.9.10 standalone accepted both on update (seen), unlike on create.
        var update = StreamConfigRules.NormalizeUpdate(
            JsTestData.Stream("""{"name":"U","num_replicas":3,"mirror_direct":true}"""), "U", JetStreamLimitsView.Unlimited);
        Assert.False(update.IsError);
        Assert.Equal(3, update.Value.Replicas);
    }

    [Theory]
    [InlineData("""{"name":"U","subjects":["u.>"],"max_consumers":3}""", "stream configuration update can not change MaxConsumers")]
    [InlineData("""{"name":"U","subjects":["u.>"],"storage":"memory"}""", "stream configuration update can not change storage type")]
    [InlineData("""{"name":"U","subjects":["u.>"],"retention":"interest"}""", "stream configuration update can not change retention policy")]
    [InlineData("""{"name":"V","subjects":["u.>"]}""", "stream configuration name must match original")]
    public void CheckUpdate_immutable_fields(string json, string description)
    {
        var existing = JsTestData.NormalizedStream("""{"name":"U","subjects":["u.>"]}""");
        Assert.Equal(JsErrors.StreamInvalidConfig(description),
            StreamConfigRules.CheckUpdate(existing, JsTestData.NormalizedStream(json)).Error);
    }

    [Theory]
    [InlineData("""{"name":"U","deny_delete":true}""", """{"name":"U"}""", "stream configuration update can not cancel deny message deletes")]
    [InlineData("""{"name":"U","deny_purge":true}""", """{"name":"U"}""", "stream configuration update can not cancel deny purge")]
    [InlineData("""{"name":"U","sealed":true}""", """{"name":"U","deny_delete":true,"deny_purge":true}""", "stream configuration update can not unseal a sealed stream")]
    public void CheckUpdate_one_way_flags_never_clear(string existing, string requested, string description) =>
        Assert.Equal(JsErrors.StreamInvalidConfig(description),
            StreamConfigRules.CheckUpdate(JsTestData.NormalizedStream(existing), JsTestData.NormalizedStream(requested)).Error);

    [Fact]
    public void CheckUpdate_deny_flags_can_be_set()
    {
        var existing = JsTestData.NormalizedStream("""{"name":"D2","subjects":["d2.a"]}""");
        var updated = StreamConfigRules.CheckUpdate(existing, JsTestData.NormalizedStream("""{"name":"D2","subjects":["d2.a","d2.b"],"deny_purge":true,"max_msgs":9}"""));
        Assert.False(updated.IsError);
        Assert.True(updated.Value.DenyPurge);
        Assert.Equal(9, updated.Value.MaxMsgs);
    }

    [Fact]
    public void CheckUpdate_sealing_forces_discard_new_and_denies()
    {
        var existing = JsTestData.NormalizedStream("""{"name":"T","max_age":1000000000,"discard_new_per_subject":true,"discard":"new","max_msgs_per_subject":3}""");
        var requested = JsTestData.NormalizedStream("""{"name":"T","max_age":1000000000,"discard":"new","max_msgs_per_subject":3,"sealed":true}""");
        var sealedCfg = StreamConfigRules.CheckUpdate(existing, requested);
        Assert.Equal(
            """{"name":"T","subjects":["T"],"retention":"limits","max_consumers":-1,"max_msgs":-1,"max_bytes":-1,"max_age":0,"max_msgs_per_subject":3,"max_msg_size":-1,"discard":"new","storage":"file","num_replicas":1,"duplicate_window":1000000000,"allow_direct":false,"mirror_direct":false,"sealed":true,"deny_delete":true,"deny_purge":true,"allow_rollup_hdrs":false}""",
            Echo(sealedCfg));
    }

    [Fact]
    public void Equivalent_compares_subject_lists_by_value()
    {
        var a = JsTestData.NormalizedStream("""{"name":"S","subjects":["a","b"]}""");
        var b = JsTestData.NormalizedStream("""{"name":"S","subjects":["a","b"]}""");
        Assert.NotSame(a.Subjects, b.Subjects);
        Assert.True(StreamConfigRules.Equivalent(a, b));
        Assert.False(StreamConfigRules.Equivalent(a, b with { Subjects = ["b", "a"] }));
        Assert.False(StreamConfigRules.Equivalent(a, b with { MaxMsgs = 5 }));
    }

    [Theory]
    [InlineData(new[] { "orders.>" }, new[] { "orders.new" }, true)]
    [InlineData(new[] { "orders.*" }, new[] { "*.new" }, true)]
    [InlineData(new[] { "a", "b.*" }, new[] { "c", "b.x.y" }, false)]
    [InlineData(new[] { ">" }, new[] { "x" }, true)]
    [InlineData(new[] { "u.a" }, new[] { "u.>" }, true)]
    public void Overlaps_is_any_pair_colliding(string[] subjects, string[] others, bool expected) =>
        Assert.Equal(expected, StreamConfigRules.Overlaps(subjects, others));
}
