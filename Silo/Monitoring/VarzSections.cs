using Natrium.Gateway.Monitoring;
using System.Text.Json;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// The blocks of /varz for the other listeners and JetStream, each `{}` when unused as in
/// nats-server 2.9.10 (spec/monitoring_cluster.md §3). One method per block, so a listener
/// Natrium gains replaces only its own.
internal static class VarzSections
{
    /// `cluster`: `{}` alone; with a cluster name, its name and where the other nodes reach
    /// this one: the silo's address and port (Natrium's nodes meet through the `orleans` block,
    /// so there is no route listener; outside a silo, the client host and 0), and no configured
    /// route URLs.
    public static void WriteCluster(Utf8JsonWriter w, GatewayNode gateway)
    {
        w.WriteStartObject("cluster");
        if (gateway.Options.ClusterName is { } name)
        {
            var (siloHost, siloPort) = gateway.SiloEndPoint();
            w.WriteString("name", name);
            w.WriteString("addr", siloHost.Length > 0 ? siloHost : gateway.Options.Host);
            w.WriteNumber("cluster_port", siloPort);
            w.WriteNumber("auth_timeout", gateway.AuthTimeout.TotalSeconds);
            w.WriteStartArray("urls");
            w.WriteEndArray();
            w.WriteNumber("tls_timeout", Natrium.Gateway.Tls.TlsOptions.DefaultTimeout.TotalSeconds);
        }

        w.WriteEndObject();
    }

    public static void WriteGateway(Utf8JsonWriter w) => Empty(w, "gateway");

    public static void WriteLeaf(Utf8JsonWriter w) => Empty(w, "leaf");

    public static void WriteMqtt(Utf8JsonWriter w) => Empty(w, "mqtt");

    /// `websocket`: the websocket listener's settings, `{}` without one.
    public static void WriteWebsocket(Utf8JsonWriter w, GatewayNode gateway)
    {
        w.WritePropertyName("websocket");
        JsonSerializer.Serialize(w, WebsocketVarz.Of(gateway));
    }

    /// `jetstream`: `{}` when off; else config, stats and (clustered in nats-server) meta.
    public static void WriteJetStream(Utf8JsonWriter w, JetStreamUsage? usage)
    {
        w.WriteStartObject("jetstream");
        if (usage is not null)
        {
            WriteJetStreamConfig(w, usage);
            w.WriteStartObject("stats");
            usage.WriteStats(w);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// nats-server's JetStreamConfig: max_memory, max_storage, store_dir (opt domain).
    public static void WriteJetStreamConfig(Utf8JsonWriter w, JetStreamUsage usage)
    {
        w.WriteStartObject("config");
        w.WriteNumber("max_memory", usage.MaxMemory);
        w.WriteNumber("max_storage", usage.MaxStorage);
        w.WriteString("store_dir", usage.Config.StoreDir ?? string.Empty);
        if (usage.Config.Domain is { Length: > 0 } domain)
        {
            w.WriteString("domain", domain);
        }

        w.WriteEndObject();
    }

    /// trusted_operators_jwt and trusted_operators_claim (the JWTs' decoded claims), operator mode only.
    public static void WriteTrustedOperators(Utf8JsonWriter w, TrustedOperators? operators)
    {
        if (operators is not { OperatorJwts.Count: > 0 } trusted)
        {
            return;
        }

        Varz.WriteStrings(w, "trusted_operators_jwt", trusted.OperatorJwts);
        w.WriteStartArray("trusted_operators_claim");
        foreach (var jwt in trusted.OperatorJwts)
        {
            if (Claims(jwt) is { } claims)
            {
                w.WriteRawValue(claims);
            }
        }

        w.WriteEndArray();
    }

    // A JWT's middle part is its claims' JSON, base64url encoded.
    private static byte[]? Claims(string jwt)
    {
        var parts = jwt.Split('.');
        try
        {
            var json = parts.Length == 3 ? System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]) : null;
            return json is not null && IsJsonObject(json) ? json : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsJsonObject(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Empty(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteEndObject();
    }
}
