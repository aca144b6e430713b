// Drives the nats.ws JavaScript client (as browsers and Node apps use it) against a broker's
// websocket listener, for Natrium's websocket tests (Tests/TestKit/NatsWsClient.cs). One JSON
// argument:
//   {"url":"ws://127.0.0.1:port","prefix":"subj","auth":{...},"tls":{...},"steps":[...]}
// auth: {"user","pass"} | {"token"} | {"nkeySeed"} | {"jwt","seed"} | absent.
// tls: {"cert","key"} PEM files of a client certificate for wss (the CA comes from
//      NODE_EXTRA_CA_CERTS).
// steps: any of "request", "headers", "queue", "oversize" (default: all).
// Node has no WebSocket of its own before v22; the `ws` package stands in, as nats.ws's own
// Node instructions suggest (it also offers permessage-deflate, so compression is exercised).
// Prints one JSON line: {"ok":true,...} with what it saw, or {"error":"..."} and exits 2.
import { readFileSync } from "node:fs";
import { webcrypto } from "node:crypto";
import { WebSocket } from "ws";

const args = JSON.parse(process.argv[2]);
const steps = new Set(args.steps ?? ["request", "headers", "queue", "oversize"]);
globalThis.crypto ??= webcrypto;
globalThis.WebSocket = args.tls
  ? class extends WebSocket {
      constructor(url, protocols) {
        super(url, protocols, { cert: readFileSync(args.tls.cert), key: readFileSync(args.tls.key) });
      }
    }
  : WebSocket;
const nats = await import("nats.ws");

const sc = nats.StringCodec();
const deadline = (ms, what) =>
  new Promise((_, reject) => setTimeout(() => reject(new Error(`timeout: ${what}`)), ms).unref());

function authOptions(auth) {
  if (!auth) return {};
  if (auth.user !== undefined) return { user: auth.user, pass: auth.pass };
  if (auth.token !== undefined) return { token: auth.token };
  if (auth.nkeySeed !== undefined) return { authenticator: nats.nkeyAuthenticator(new TextEncoder().encode(auth.nkeySeed)) };
  if (auth.jwt !== undefined) return { authenticator: nats.jwtAuthenticator(auth.jwt, new TextEncoder().encode(auth.seed)) };
  throw new Error("unknown auth");
}

// Each step adds what it saw to `seen`.
const stepsByName = {
  // a service on this connection answers a request from it (_INBOX reply subjects)
  async request(nc, p, seen) {
    const service = nc.subscribe(`${p}.svc`, { callback: (err, m) => { if (!err) m.respond(sc.encode("echo:" + sc.decode(m.data))); } });
    const answer = await nc.request(`${p}.svc`, sc.encode("ping"), { timeout: 5000 });
    seen.reply = sc.decode(answer.data);
    service.unsubscribe();
  },

  // headers travel both ways (HPUB/HMSG)
  async headers(nc, p, seen) {
    const sub = nc.subscribe(`${p}.h`, { max: 1 });
    const h = nats.headers();
    h.set("X-Tenant", "t1");
    nc.publish(`${p}.h`, sc.encode("with-headers"), { headers: h });
    for await (const m of sub) {
      seen.header = m.headers?.get("X-Tenant") ?? null;
      seen.header_payload = sc.decode(m.data);
    }
  },

  // a queue group of two gets each of 20 messages once
  async queue(nc, p, seen) {
    let total = 0;
    const members = [1, 2].map(() => nc.subscribe(`${p}.q`, { queue: "workers", callback: () => total++ }));
    await nc.flush();
    for (let i = 0; i < 20; i++) nc.publish(`${p}.q`, sc.encode(String(i)));
    await nc.flush();
    while (total < 20) await new Promise((r) => setTimeout(r, 10));
    await nc.flush();
    seen.queue_total = total;
    members.forEach((m) => m.unsubscribe());
  },

  // a payload over the INFO's max_payload is refused by the client before it is sent
  async oversize(nc, p, seen) {
    try {
      nc.publish(`${p}.big`, new Uint8Array(nc.info.max_payload + 1));
      seen.oversize = "sent";
    } catch (err) {
      seen.oversize = err.code ?? String(err.message);
    }
  },
};

async function run() {
  const nc = await nats.connect({
    servers: args.url,
    name: "nats.ws-test",
    maxReconnectAttempts: 0,
    timeout: 5000,
    ...authOptions(args.auth),
  });
  const seen = { ok: true, server_id: nc.info.server_id, max_payload: nc.info.max_payload, headers: nc.info.headers };
  for (const step of steps) await stepsByName[step](nc, args.prefix, seen);
  await nc.drain();
  return seen;
}

try {
  const seen = await Promise.race([run(), deadline(20000, "the whole run")]);
  console.log(JSON.stringify(seen));
  process.exit(0);
} catch (err) {
  console.log(JSON.stringify({ error: String(err?.code ?? err?.message ?? err) }));
  process.exit(2);
}
