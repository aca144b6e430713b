// Cross-check fixture for Natrium's C# JWT library (Natrium.Contracts.Jwt).
//
// Creates fresh operator/account/user/server keys at run time, encodes JWTs with the
// official JavaScript implementation (@nats-io/jwt), and writes ONLY the tokens, the public
// keys and the values that were encoded to nats-jwt-js.json. Seeds never leave this process.
// The C# test JwtInteropTests decodes and verifies every token and compares the fields.
import { writeFileSync } from "node:fs";
import {
  Algorithms, createAccount, createOperator, createServer, createUser, decode,
  encodeAccount, encodeActivation, encodeAuthorizationResponse, encodeGeneric,
  encodeOperator, encodeUser, newScopedSigner, Version,
} from "@nats-io/jwt";

const operator = createOperator();
const operatorSigner = createOperator();
const account = createAccount();
const accountSigner = createAccount();
const scopedSigner = createAccount();
const importer = createAccount();
const user = createUser();
const scopedUser = createUser();
const server = createServer();
const pub = (kp) => kp.getPublicKey();

// Each entry: how to encode, which C# type decodes it, and the inputs, recorded before the
// library mutates them (it adds type and version to the nats object).
const now = Math.floor(Date.now() / 1000);
const cases = [];
async function add(name, claimType, nats, std, encodeFn) {
  const expectedNats = structuredClone(nats);
  const token = await encodeFn(nats);
  decode(token); // the JS library's own verification must accept its token
  cases.push({ name, claimType, token, expected: { ...std, nats: expectedNats } });
}

await add("operator", "operator", {
  signing_keys: [pub(operatorSigner)],
  account_server_url: "http://localhost:9090/jwt/v1",
  operator_service_urls: ["nats://localhost:4222"],
  system_account: pub(account),
  tags: ["env:interop"],
}, { name: "op", iss: pub(operator), sub: pub(operator) },
  (n) => encodeOperator("op", operator, n));

const scope = newScopedSigner(scopedSigner, "app", {
  pub: { allow: ["app.{{name()}}.>"], deny: [] },
  sub: { allow: ["_INBOX.>"], deny: ["secret.>"] },
  subs: 10,
});
scope.description = "scoped by js";
await add("account", "account", {
  limits: {
    subs: -1, data: -1, payload: 1048576, imports: 10, exports: -1, wildcards: true,
    conn: 100, leaf: -1, disallow_bearer: true,
    mem_storage: 1073741824, disk_storage: -1, streams: 5, consumer: 50,
    max_ack_pending: 1000, mem_max_stream_bytes: 1048576, disk_max_stream_bytes: 0,
    max_bytes_required: true,
  },
  signing_keys: [pub(accountSigner), scope],
  exports: [
    {
      name: "help", subject: "help.>", type: "service", token_req: true,
      revocations: { [pub(importer)]: now - 60 }, response_type: "Stream",
      response_threshold: 5000000000, service_latency: { sampling: "headers", results: "lat.help" },
      account_token_position: 0, description: "a service", info_url: "http://info/help",
    },
    { name: "feed", subject: "feed.*", type: "stream", service_latency: { sampling: 25, results: "lat.feed" } },
  ],
  imports: [
    { name: "other", subject: "other.>", account: pub(importer), type: "service", local_subject: "mine.>" },
    { name: "news", subject: "news.>", account: pub(importer), type: "stream", to: "in.news", share: true },
  ],
  revocations: { [pub(user)]: now - 3600, "*": now - 7200 },
  default_permissions: { pub: { allow: ["public.>"] }, sub: { deny: ["private.>"] } },
  authorization: { auth_users: [pub(user)], allowed_accounts: ["*"], xkey: "" },
  description: "interop account",
  info_url: "http://info/account",
  tags: ["team:interop"],
}, { name: "acc", iss: pub(operatorSigner), sub: pub(account), exp: now + 86400 },
  (n) => encodeAccount("acc", account, n, { signer: operatorSigner, exp: now + 86400 }));

await add("tiered-account", "account", {
  limits: { conn: -1, tiered_limits: { R1: { disk_storage: 1024, streams: -1 }, R3: { mem_storage: -1 } } },
}, { name: "tiered", iss: pub(operator), sub: pub(importer) },
  (n) => encodeAccount("tiered", importer, n, { signer: operator }));

await add("user", "user", {
  pub: { allow: ["a.>", "b"], deny: ["a.secret"] },
  sub: { allow: ["q.* workers"], deny: ["x"] },
  resp: { max: 5, ttl: 60000000000 },
  src: ["127.0.0.0/8", "::1/128"],
  times: [{ start: "08:00:00", end: "17:00:00" }],
  times_location: "Europe/Berlin",
  subs: 100, data: -1, payload: 4096,
  bearer_token: true,
  allowed_connection_types: ["STANDARD", "WEBSOCKET"],
  tags: ["role:admin"],
}, { name: "alice", iss: pub(accountSigner), sub: pub(user), nbf: now - 10, exp: now + 3600 },
  (n) => encodeUser("alice", user, account, n, { signer: accountSigner, nbf: now - 10, exp: now + 3600 }));

await add("scoped-user", "user", {}, { name: "bob", iss: pub(scopedSigner), sub: pub(scopedUser) },
  (n) => encodeUser("bob", scopedUser, account, n, { signer: scopedSigner, scopedUser: true }));

await add("activation", "activation", { subject: "help.importer" },
  { name: "grant", iss: pub(accountSigner), sub: pub(importer) },
  (n) => encodeActivation("grant", importer, account, "service", n, { signer: accountSigner }));

await add("authorization-response", "authorization_response", { jwt: cases[4].token },
  { iss: pub(account), sub: pub(user), aud: pub(server) },
  (n) => encodeAuthorizationResponse(user, server, account, n, {}));

// A pair a server can log in with (Tests/Integration/Operator/InteropLoginTests): an account
// signed by the operator with nsc's unlimited limits, and a bearer user of it (no nonce
// signature, so no seed is needed by the test).
const loginAccount = createAccount();
const loginUser = createUser();
await add("login-account", "account", {
  limits: { subs: -1, data: -1, payload: -1, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 },
}, { name: "login", iss: pub(operator), sub: pub(loginAccount) },
  (n) => encodeAccount("login", loginAccount, n, { signer: operator }));
await add("login-user", "user", {
  pub: { allow: ["interop.>"] }, sub: { allow: ["interop.>"] },
  subs: -1, data: -1, payload: -1, bearer_token: true,
}, { name: "js-user", iss: pub(loginAccount), sub: pub(loginUser) },
  (n) => encodeUser("js-user", loginUser, loginAccount, n, {}));

await add("generic", "generic", { accounts: [pub(account), pub(importer)] },
  { name: "delete", iss: pub(operator), sub: pub(operator) },
  (n) => encodeGeneric("delete", operator, "generic", n, { algorithm: Algorithms.v2 }));

const fixture = {
  generator: `@nats-io/jwt ${Version} (see package.json); regenerate with: npm ci && node generate.mjs`,
  keys: {
    operator: pub(operator), operatorSigner: pub(operatorSigner), account: pub(account),
    accountSigner: pub(accountSigner), scopedSigner: pub(scopedSigner), importer: pub(importer),
    user: pub(user), scopedUser: pub(scopedUser), server: pub(server),
    loginAccount: pub(loginAccount), loginUser: pub(loginUser),
  },
  cases,
};
const text = JSON.stringify(fixture, null, 2);
if (/(?<![A-Z2-7])S[OAUNCX][A-Z2-7]{56}(?![A-Z2-7])/.test(text)) {
  throw new Error("refusing to write: the fixture would contain a seed");
}
writeFileSync(new URL("./nats-jwt-js.json", import.meta.url), text + "\n");
console.log(`wrote ${cases.length} tokens to nats-jwt-js.json`);
