// `npm run preview`: serves the built site (dist/) as a static host with precompressed files does —
// Brotli or gzip copies written at build time (integrations/precompress.ts), sent with Content-Encoding,
// never compressed on the fly — so what a reader downloads is what is measured locally.
//   npm run preview -- [--port 4321] [--host 127.0.0.1]
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { serveSite } from "../src/serve/static-server.ts";
import { normaliseBase } from "../src/site/base-path.ts";

const { values } = parseArgs({
  options: { port: { type: "string", default: "4321" }, host: { type: "string", default: "127.0.0.1" } },
});
const root = fileURLToPath(new URL("../dist/", import.meta.url));
if (!existsSync(root)) throw new Error("No build to preview: run `npx astro build` first.");
const base = normaliseBase(process.env.REPORT_BASE);
const site = await serveSite(root, base, { host: values.host, port: Number(values.port) });
console.log(`Previewing ${root} at ${site.url} (precompressed Brotli/gzip, as a static host serves it)`);
