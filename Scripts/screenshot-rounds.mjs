// Plays the browser half of a small round through the round pages in headless Chromium (driven over
// the DevTools protocol: sign-in, a draft with a mistake, the corrected draft, submit, the reviewer's
// queue, a return with a comment, the State seeing it) and takes a screenshot of each step at desktop (1280 px) and phone
// (390 px) width. Called by Scripts/screenshot-rounds.sh; needs Node 20+ (run with --experimental-websocket).
//   node --experimental-websocket Scripts/screenshot-rounds.mjs BASE_URL FOCAL_TOKEN REVIEWER_TOKEN ROUND OUTDIR
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, focalToken, reviewerToken, round, out] = process.argv.slice(2);
const port = 9300 + Math.floor(Math.random() * 500);
const profile = mkdtempSync(join(tmpdir(), "cpsledger-chromium-"));
const chromium = spawn("chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", `--remote-debugging-port=${port}`,
  `--user-data-dir=${profile}`, "about:blank",
], { stdio: "ignore" });

async function target() {
  for (let i = 0; i < 100; i++) {
    try {
      const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      const page = list.find((t) => t.type === "page");
      if (page) return page.webSocketDebuggerUrl;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("chromium did not start");
}

const socket = new WebSocket(await target());
await new Promise((r) => socket.addEventListener("open", r, { once: true }));
let next = 0;
const waiting = new Map();
const loads = [];
socket.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.id && waiting.has(message.id)) {
    const { resolve, reject } = waiting.get(message.id);
    waiting.delete(message.id);
    message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result);
  } else if (message.method === "Page.loadEventFired") {
    loads.splice(0).forEach((r) => r());
  }
});
function send(method, params = {}) {
  const id = ++next;
  socket.send(JSON.stringify({ id, method, params }));
  return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
}
const loaded = () => new Promise((r) => loads.push(r));
async function go(url) { const l = loaded(); await send("Page.navigate", { url: base + url }); await l; }
// Runs `expression` in the page (DevTools evaluation is not script of the page: the CSP stays as it is).
async function run(expression, navigates = false) {
  const l = navigates ? loaded() : null;
  const result = await send("Runtime.evaluate", { expression, awaitPromise: true });
  if (result.exceptionDetails) throw new Error(`${expression}: ${JSON.stringify(result.exceptionDetails)}`);
  if (l) await l;
  return result.result.value;
}
const fill = (selector, value) => run(`document.querySelector(${JSON.stringify(selector)}).value = ${JSON.stringify(value)}`);
const press = (selector) => run(`document.querySelector(${JSON.stringify(selector)}).click()`, true);

async function shoot(name) {
  for (const [suffix, width, mobile] of [["", 1280, false], ["-phone", 390, true]]) {
    await send("Emulation.setDeviceMetricsOverride", { width, height: 900, deviceScaleFactor: 1, mobile });
    const { cssContentSize } = await send("Page.getLayoutMetrics");
    const height = Math.min(6000, Math.ceil(cssContentSize.height));
    await send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile });
    const { data } = await send("Page.captureScreenshot", { format: "png" });
    writeFileSync(join(out, `${name}${suffix}.png`), Buffer.from(data, "base64"));
    console.log(`wrote ${join(out, name + suffix + ".png")} (${width}x${height})`);
  }
}

await send("Page.enable");
await send("Runtime.enable");
const obligation = "art8.record-keeping";
try {
  await go("/sign-in");
  await shoot("rounds-1-sign-in");
  await fill("#token", focalToken);
  await press("form[action='/sign-in'] button");
  await shoot("rounds-2-list");
  const page = `/rounds/${encodeURIComponent(round)}/states/FRA`;
  await go(page);
  await shoot("rounds-3-state");
  await run("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
  // A draft with a mistake: implemented, but no title or kind.
  const prefix = `record-${obligation}`;
  await fill(`[id='${prefix}-status']`, "implemented");
  await fill(`[id='${prefix}-effective_date']`, "2019-05-01");
  await press(`form:has([id='${prefix}-status']) button`);
  await shoot("rounds-4-invalid");
  await fill(`[id='${prefix}-title']`, "EXAMPLE Financial Records Act");
  await fill(`[id='${prefix}-kind']`, "legislation");
  await fill(`[id='${prefix}-source']`, "EXAMPLE Official Gazette No. 1");
  await press(`form:has([id='${prefix}-status']) button`);
  await shoot("rounds-5-drafted");
  await press(`form[action$='/submit'] button`);
  await shoot("rounds-6-submitted");
  await press("form[action='/sign-out'] button");
  await fill("#token", reviewerToken);
  await press("form[action='/sign-in'] button");
  await go(`/rounds/${encodeURIComponent(round)}/review`);
  await shoot("rounds-7-review");
  await fill("form textarea[name='comment']", "Please cite the article of the EXAMPLE Act that requires records.");
  await press("form button[value='return']");
  await shoot("rounds-8-returned");
  // Back to the focal point: the returned answer, with the reviewer's comment.
  await press("form[action='/sign-out'] button");
  await fill("#token", focalToken);
  await press("form[action='/sign-in'] button");
  await go(page);
  await shoot("rounds-9-returned-to-the-state");
} finally {
  socket.close();
  chromium.kill();
}
