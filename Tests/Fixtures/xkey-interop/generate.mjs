// Writes nats-nkeys-js.json: boxes sealed by @nats-io/nkeys (fresh sender keys each run) to the
// published example xkey below, for Tests/Unit/Auth/XKeyInteropTests.cs to open.
import { createCurve, fromCurveSeed } from "@nats-io/nkeys";
import { writeFileSync } from "node:fs";
import { PUBLISHED_SEED, plaintexts } from "./shared.mjs";

const recipient = fromCurveSeed(new TextEncoder().encode(PUBLISHED_SEED));
const cases = plaintexts.map((text) => {
  const sender = createCurve();
  const box = sender.seal(new TextEncoder().encode(text), recipient.getPublicKey());
  return { sender: sender.getPublicKey(), plaintext: text, box: Buffer.from(box).toString("base64") };
});
const out = JSON.stringify({ generator: "@nats-io/nkeys 2.0.3; regenerate with: npm ci && node generate.mjs", recipient: recipient.getPublicKey(), cases }, null, 2);
if (/"S[A-Z2-7]{57}"/.test(out)) throw new Error("refusing to write something that looks like a seed");
writeFileSync(new URL("./nats-nkeys-js.json", import.meta.url), out + "\n");
console.log(`wrote ${cases.length} boxes`);
