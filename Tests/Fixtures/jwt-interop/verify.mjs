// Checks natrium-tokens.json (tokens written by Natrium's C# JwtEncoder) with the official
// JavaScript implementation (@nats-io/jwt): signature and header via its decode(), creds via its
// parseCreds(), the spec's jti rule with node's own SHA-512/256, and the values the C# samples
// encode (Tests/Unit/Jwt/JwtClaimSamples.cs). Exits non-zero on the first mismatch.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { strict as assert } from "node:assert";
import { decode, fromSeed, parseCreds } from "@nats-io/jwt";

const fixture = JSON.parse(readFileSync(new URL("./natrium-tokens.json", import.meta.url), "utf8"));

// RFC 4648 base32, standard alphabet, no padding.
function base32(bytes) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0, out = "";
  for (const b of bytes) {
    value = (value << 8) | b; bits += 8;
    while (bits >= 5) { out += alphabet[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

// spec/jwt.md §2: standard claims in the order aud, exp, iat, iss, name, nbf, sub, empty ones
// omitted, no spaces; SHA-512/256; base32 without padding.
function jti(c) {
  const std = {};
  for (const k of ["aud", "exp", "iat", "iss", "name", "nbf", "sub"]) {
    if (c[k] !== undefined && c[k] !== "" && c[k] !== 0) std[k] = c[k];
  }
  return base32(createHash("sha512-256").update(JSON.stringify(std)).digest());
}

const O = "O", A = "A", N = "N";
const expect = {
  vector: { prefix: A, check: (c) => {
    assert.equal(c.jti, "DLQ22QKV32WYD6OYNBETKSY72M4OGCTFU5PNQKO5ISE3B3QNZ5DQ");
    assert.deepEqual(c.nats, { type: "user", pub: {}, sub: {}, subs: -1, data: -1, payload: -1, version: 2 });
  } },
  operator: { prefix: O, check: (c) => {
    assert.equal(c.nats.type, "operator");
    assert.equal(c.nats.strict_signing_key_usage, true);
    assert.equal(c.nats.signing_keys.length, 1);
    assert.equal(c.exp, 1893456000);
  } },
  account: { prefix: O, check: (c) => {
    const n = c.nats;
    assert.equal(n.type, "account");
    assert.equal(n.limits.data, 1099511627776);
    assert.equal(n.limits.conn, 100);
    assert.equal(n.limits.mem_storage, 1073741824);
    assert.equal(n.signing_keys[1].kind, "user_scope");
    assert.equal(n.signing_keys[1].template.subs, 10);
    assert.deepEqual(n.signing_keys[1].template.pub.allow, ["app.{{name()}}.>"]);
    assert.equal(n.exports[0].service_latency.sampling, 50);
    assert.equal(n.exports[1].service_latency.sampling, "headers");
    assert.equal(n.exports[0].response_threshold, 5000000000);
    assert.equal(n.imports[0].local_subject, "ask.>");
    assert.equal(n.mappings.orders[0].weight, 80);
    assert.equal(n.revocations["*"], 1600000000);
    assert.deepEqual(n.authorization.allowed_accounts, ["*"]);
    assert.deepEqual(n.default_permissions.pub.deny, [">"]);
  } },
  user: { prefix: A, check: (c) => {
    const n = c.nats;
    assert.equal(n.type, "user");
    assert.deepEqual(n.pub.allow, ["a.>", "b"]);
    assert.deepEqual(n.resp, { max: 5, ttl: 60000000000 });
    assert.deepEqual(n.src, ["127.0.0.0/8", "::1/128"]);
    assert.equal(n.times_location, "Europe/Berlin");
    assert.deepEqual([n.subs, n.data, n.payload], [100, -1, 4096]);
    assert.equal(n.bearer_token, true);
    assert.equal(n.issuer_account, "AAU2ZOXBIG6MV4FSFYNJJU2NBPDTMHSSNUF74EWIS6KLZEZCSZW5OICT");
    assert.equal(c.aud, "aud");
  } },
  activation: { prefix: A, check: (c) => {
    assert.deepEqual([c.nats.type, c.nats.kind, c.nats.subject], ["activation", "service", "svc.x"]);
  } },
  "authorization-request": { prefix: N, check: (c) => {
    assert.equal(c.nats.type, "authorization_request");
    assert.equal(c.nats.server_id.id, c.iss);
    assert.equal(c.nats.connect_opts.protocol, 1);
    assert.equal(c.aud, "nats-authorization-request");
  } },
  "authorization-response": { prefix: A, check: (c) => {
    assert.equal(c.nats.type, "authorization_response");
    assert.equal(c.nats.jwt, fixture.tokens.vector);
  } },
  generic: { prefix: O, check: (c) => {
    assert.equal(c.nats.accounts.length, 2);
    assert.equal(c.nats.version, 2);
  } },
};

let checked = 0;
for (const [name, token] of Object.entries(fixture.tokens)) {
  const e = expect[name];
  assert.ok(e, `no expectations for ${name}`);
  const header = JSON.parse(Buffer.from(token.split(".")[0], "base64url"));
  assert.deepEqual(header, { typ: "JWT", alg: "ed25519-nkey" }, name);
  const claims = decode(token); // throws unless the issuer's signature verifies
  assert.equal(claims.iss[0], e.prefix, `${name}: issuer role`);
  assert.equal(claims.iat, 1767225600, `${name}: iat`);
  assert.equal(claims.nats.version, 2, `${name}: version`);
  assert.equal(claims.jti, jti(claims), `${name}: jti`);
  e.check(claims);
  checked++;
}
assert.equal(checked, Object.keys(expect).length);

const creds = await parseCreds(new TextEncoder().encode(fixture.creds));
assert.equal(creds.jwt, fixture.tokens.vector);
assert.equal(fromSeed(new TextEncoder().encode(creds.key)).getPublicKey(), creds.uc.sub);

console.log(`ok: ${checked} Natrium tokens and the creds file verified by @nats-io/jwt`);
