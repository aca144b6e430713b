using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Natrium.Contracts.Keys;
using Org.BouncyCastle.Crypto.Generators;

namespace Natrium.Bench;

// Writes the server configs of the authentication scenarios into a directory, once per run,
// in nats-server's format so both servers read the very same file. Secrets are throwaway.
internal static class BenchConfigs
{
    public const string User = "bench";
    public const string Password = "bench-pw";

    public static void Write(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "user.conf"), $"authorization {{ user: {User}, password: \"{Password}\" }}\n");

        // bcrypt at cost 11, the cost nats-server's own tooling uses.
        var hash = OpenBsdBCrypt.Generate(Password.ToCharArray(), RandomNumberGenerator.GetBytes(16), 11);
        File.WriteAllText(Path.Combine(dir, "bcrypt.conf"), $"authorization {{ users: [ {{ user: {User}, password: \"{hash}\" }} ] }}\n");

        // The same bcrypt user beside a plain one, whose service runs while the first is flooded.
        File.WriteAllText(Path.Combine(dir, "bcryptflood.conf"), $"authorization {{ users: [ {{ user: {User}, password: \"{hash}\" }}, {{ user: plain, password: \"{Password}\" }} ] }}\n");

        using var nkey = NKeyPair.Create(NKeyPrefix.User);
        File.WriteAllText(Path.Combine(dir, "nkey.seed"), nkey.EncodeSeed());
        File.WriteAllText(Path.Combine(dir, "nkey.conf"), $"authorization {{ users: [ {{ nkey: {nkey.PublicKey} }} ] }}\n");

        OperatorBenchConfig.Write(dir);

        // Auth callout (Natrium only: nats-server 2.9.10 has none): the service logs in as
        // `auth`, every other client is called out and placed in APP.
        using var calloutIssuer = NKeyPair.Create(NKeyPrefix.Account);
        File.WriteAllText(Path.Combine(dir, "callout.seed"), calloutIssuer.EncodeSeed());
        File.WriteAllText(Path.Combine(dir, "callout.conf"), $$"""
            accounts {
              AUTH: { users: [ { user: auth, password: "{{Password}}" } ] }
              APP: {}
            }
            authorization { auth_callout { issuer: {{calloutIssuer.PublicKey}}, auth_users: [ auth ], account: AUTH } }
            """);

        WriteCertificate(dir);
        File.WriteAllText(Path.Combine(dir, "tls.conf"), $"tls {{ cert_file: \"{Path.Combine(dir, "server.pem")}\", key_file: \"{Path.Combine(dir, "server-key.pem")}\" }}\n");

        // Account A exports a stream and a service; B imports both (no renaming).
        File.WriteAllText(Path.Combine(dir, "accounts.conf"), $$"""
            accounts {
              A: { users: [ { user: a, password: "{{Password}}" } ], exports: [ { stream: "bench.import16" }, { service: "bench.req" } ] }
              B: { users: [ { user: b, password: "{{Password}}" } ], imports: [ { stream: { account: A, subject: "bench.import16" } }, { service: { account: A, subject: "bench.req" } } ] }
            }
            """);

        // Encryption at rest for jspub-enc/jsfetch-enc (store_dir comes from -sd).
        File.WriteAllText(Path.Combine(dir, "jsenc.conf"), "jetstream { key: \"bench-encryption-key\", cipher: chacha }\n");

        // 20 publish allow entries; the benchmark publishes to a subject the last one allows.
        var allow = string.Join(", ", Enumerable.Range(0, 19).Select(i => $"\"other{i}.>\"").Append("\"bench.>\""));
        File.WriteAllText(Path.Combine(dir, "perm20.conf"),
            $"authorization {{ users: [ {{ user: {User}, password: \"{Password}\", permissions: {{ publish: [{allow}], subscribe: \"bench.>\" }} }} ] }}\n");
    }

    public static string NkeySeed(string dir) => File.ReadAllText(Path.Combine(dir, "nkey.seed")).Trim();

    public static string CalloutIssuerSeed(string dir) => File.ReadAllText(Path.Combine(dir, "callout.seed")).Trim();

    private static void WriteCertificate(string dir)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(dir, "server.pem"), cert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "server-key.pem"), key.ExportPkcs8PrivateKeyPem());
    }
}
