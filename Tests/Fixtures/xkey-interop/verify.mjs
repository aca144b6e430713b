// Opens natrium-boxes.json (sealed by Natrium's XKeyBox to the published example xkey) with
// @nats-io/nkeys and compares every plaintext; exits 1 on any difference.
import { fromCurveSeed } from "@nats-io/nkeys";
import { readFileSync } from "node:fs";
import { PUBLISHED_SEED } from "./shared.mjs";

const recipient = fromCurveSeed(new TextEncoder().encode(PUBLISHED_SEED));
const fixture = JSON.parse(readFileSync(new URL("./natrium-boxes.json", import.meta.url), "utf8"));
let failures = 0;
for (const c of fixture.cases) {
  const opened = recipient.open(Buffer.from(c.box, "base64"), c.sender);
  const text = opened === null ? null : new TextDecoder().decode(opened);
  if (text !== c.plaintext) {
    failures++;
    console.log(`FAIL: box of ${c.plaintext.length} bytes from ${c.sender}`);
  }
}
console.log(`${fixture.cases.length - failures}/${fixture.cases.length} Natrium boxes opened by @nats-io/nkeys`);
process.exit(failures === 0 ? 0 : 1);
