// What a first visit downloads: every file of the built site's pkg directory
// (the WebAssembly, its JavaScript glue, the stylesheet), raw and compressed
// as a server or CDN would send it, gzip at level 9 and brotli at quality 11,
// both from Node's zlib. Sizes are in KB of 1000 bytes.
//
// Measure the release build (cargo leptos build --release runs wasm-opt):
//
//   node bench/bundle.mjs [target/site/pkg] [--json]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** The budget for the whole app, brotli, in bytes. */
export const BUDGET_BROTLI_BYTES = 250_000;

const brotli = (data) =>
  brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }).length;

/** Sizes in bytes of each file under `dir` (sorted by name) and their total. */
export function measureBundle(dir) {
  const files = readdirSync(dir, { recursive: true })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
  if (files.length === 0) throw new Error(`${dir} holds no files: build the site first`);
  const rows = files.map((name) => {
    const data = readFileSync(join(dir, name));
    return { file: name, raw: data.length, gzip: gzipSync(data, { level: 9 }).length, brotli: brotli(data) };
  });
  const sum = (key) => rows.reduce((total, row) => total + row[key], 0);
  return { files: rows, total: { raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") } };
}

export const kilobytes = (bytes) => (bytes / 1000).toFixed(1);

/** The sizes as a markdown table. */
export function bundleTable({ files, total }) {
  const line = (name, s) => `| ${name} | ${kilobytes(s.raw)} | ${kilobytes(s.gzip)} | ${kilobytes(s.brotli)} |`;
  return [
    "| file | raw KB | gzip -9 KB | brotli -q 11 KB |",
    "| --- | ---: | ---: | ---: |",
    ...files.map((row) => line(row.file, row)),
    line("**total**", total),
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const dir = args.find((arg) => !arg.startsWith("--")) ?? "target/site/pkg";
  const sizes = measureBundle(dir);
  if (args.includes("--json")) {
    console.log(JSON.stringify(sizes, null, 2));
  } else {
    console.log(bundleTable(sizes));
    const verdict = sizes.total.brotli <= BUDGET_BROTLI_BYTES ? "within" : "over";
    console.log(`\nbudget ${kilobytes(BUDGET_BROTLI_BYTES)} KB brotli (KB = 1000 bytes): ${verdict}`);
  }
}
