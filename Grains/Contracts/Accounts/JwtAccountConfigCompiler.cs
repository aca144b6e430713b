using Natrium.Contracts.Jwt;

namespace Natrium.Contracts.Accounts;

/// An account JWT's exports, imports and mappings in config mode's shape (AccountConfig), so both
/// modes route through the same code (GatewayNode.CompileStreamImportsAsync): an import's Subject
/// is what the exporter must cover; a stream import's To is a subject transform and Prefix a
/// prefix; a service import's To is the subject the importer publishes on.
public static class JwtAccountConfigCompiler
{
    public static AccountConfig Compile(AccountClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var nats = claims.Nats;
        return new AccountConfig(
            claims.Subject,
            [.. nats.Exports.Select(ToExport)],
            [.. nats.Imports.Select(ToImport)],
            [.. nats.Mappings.Select(static m => new SubjectMapping(
                m.Key, [.. m.Value.Select(static d => new MappingDestination(d.Subject, d.EffectiveWeight, d.Cluster))]))],
            nats.Limits.IsJetStreamEnabled);
    }

    /// token_req → Accounts = [] (config mode's "token required") plus TokenRequired; otherwise
    /// public. response_threshold is nanoseconds, 0 meaning the 2 minute default.
    public static AccountExport ToExport(Export export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var responseType = export.ResponseType switch
        {
            Export.StreamResponse => ResponseType.Stream,
            Export.ChunkedResponse => ResponseType.Chunked,
            _ => ResponseType.Singleton,
        };
        var threshold = export.ResponseThreshold > 0
            ? TimeSpan.FromTicks(Math.Max(1, export.ResponseThreshold / TimeSpan.NanosecondsPerTick))
            : AccountExport.DefaultResponseThreshold;
        return new AccountExport(
            export.Type == ExportType.Service ? ExportKind.Service : ExportKind.Stream,
            export.Subject ?? "",
            export.TokenRequired ? [] : null,
            responseType,
            threshold,
            export.AccountTokenPosition > 0 ? (int)Math.Min(export.AccountTokenPosition, int.MaxValue) : null)
        {
            TokenRequired = export.TokenRequired,
            Revocations = new Dictionary<string, long>(export.Revocations, StringComparer.Ordinal),
        };
    }

    /// nats-server updateAccountClaimsWithRefresh:
    /// - stream, local_subject L: mapped import from subject to L (`$N`/`*` transform) → To = L;
    /// - stream, legacy to T: a prefix, T + "." + subject → Prefix = T without a trailing dot;
    /// - service, local_subject L: importer publishes on L, exporter gets subject → To = L with
    ///   its `$N` references made `*`; Subject is the exporter's subject, carrying L's `$N`
    ///   placeholders in place of its `*` when they reorder wildcards (ServiceDestination;
    ///   SubjectTransform reads `$N` in a destination, and Covers treats it as a plain token);
    /// - service, legacy to T: the jwt library's other reading (imports.go): `subject` is the
    ///   local subject and `to` the exporter's → Subject = T, To = subject.
    public static AccountImport ToImport(Import import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var subject = import.Subject ?? "";
        var account = import.Account ?? "";
        var local = string.IsNullOrEmpty(import.LocalSubject) ? null : import.LocalSubject;
        var to = string.IsNullOrEmpty(import.To) ? null : import.To;
        if (import.Type != ExportType.Service)
        {
            return local is not null
                ? new AccountImport(ExportKind.Stream, account, subject, local, null, false) { Token = import.Token }
                : new AccountImport(ExportKind.Stream, account, subject, null, to?.EndsWith('.') == true ? to[..^1] : to, false) { Token = import.Token };
        }

        if (local is not null)
        {
            return new AccountImport(ExportKind.Service, account, ServiceDestination(subject, local), JwtSubject.ReferencesToStars(local), null, import.Share)
            {
                Token = import.Token,
            };
        }

        return to is not null
            ? new AccountImport(ExportKind.Service, account, to, subject, null, import.Share) { Token = import.Token }
            : new AccountImport(ExportKind.Service, account, subject, null, null, import.Share) { Token = import.Token };
    }

    /// The exporter's subject with its i-th `*` replaced by local's i-th placeholder (a `$N`, or
    /// a `*` numbered among local's `*` tokens), which is how nats-server builds the local → subject
    /// transform (addServiceImport: transformTokenize, then transform.reverse). For a swap of two
    /// wildcards that is the inverse of subject → local; for longer cycles nats-server (2.9.10 and
    /// current) yields this order instead, and so do we. Unchanged when the order is the
    /// identity, which keeps the subject plain for authorization.
    public static string ServiceDestination(string subject, string local)
    {
        var placeholders = new List<string>();
        var nextStar = 1;
        foreach (var token in local.Split('.'))
        {
            if (token == "*")
            {
                placeholders.Add("$" + nextStar++.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (JwtSubject.IsReference(token, out _))
            {
                placeholders.Add(token);
            }
        }

        var tokens = subject.Split('.');
        var identity = true;
        var next = 0;
        for (var n = 0; n < tokens.Length; n++)
        {
            if (tokens[n] != "*")
            {
                continue;
            }

            if (next >= placeholders.Count)
            {
                return subject;
            }

            var placeholder = placeholders[next++];
            identity &= placeholder == "$" + next.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tokens[n] = placeholder;
        }

        return identity || next != placeholders.Count ? subject : string.Join('.', tokens);
    }
}
