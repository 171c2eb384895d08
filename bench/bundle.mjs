// What the browser downloads: every file of the built site's pkg directory
// that a page can load, raw and compressed as a server or CDN would send it,
// gzip at level 9 and brotli at quality 11, both from Node's zlib. Sizes are
// in KB of 1000 bytes.
//
// The first visit loads the main WebAssembly, its JavaScript glue, the split
// loader and the stylesheet. The chunks `cargo leptos build --split` cut out
// (`split_*.wasm` for a split page, `chunk_*.wasm` for code such pages share)
// load only when a page that needs them opens; they count in the whole app,
// not in the first visit the budget is for.
//
// Measure the release build (cargo leptos build --release --split runs wasm-opt):
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

/**
 * Files no page loads: type declarations, the split's build manifest, and the
 * brotli and gzip copies `--precompress` writes (sent in place of the file).
 */
const unloaded = (name) => /\.(d\.ts|json|br|gz)$/.test(name);

/** A chunk loaded only when a page that needs it opens. */
export const isLazy = (name) => /^(split|chunk)_.*\.wasm$/.test(name);

/**
 * Sizes in bytes of each file under `dir` that a page can load (sorted by
 * name, `lazy` set on the split's chunks), with the totals of the first
 * visit, of the lazy chunks and of the whole app.
 */
export function measureBundle(dir) {
  const files = readdirSync(dir, { recursive: true })
    .filter((name) => statSync(join(dir, name)).isFile() && !unloaded(name))
    .sort();
  if (files.length === 0) throw new Error(`${dir} holds no files: build the site first`);
  const rows = files.map((name) => {
    const data = readFileSync(join(dir, name));
    return {
      file: name,
      lazy: isLazy(name),
      raw: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
      brotli: brotli(data),
    };
  });
  const sum = (of) => ({
    files: of.length,
    raw: of.reduce((total, row) => total + row.raw, 0),
    gzip: of.reduce((total, row) => total + row.gzip, 0),
    brotli: of.reduce((total, row) => total + row.brotli, 0),
  });
  return {
    files: rows,
    first: sum(rows.filter((row) => !row.lazy)),
    lazy: sum(rows.filter((row) => row.lazy)),
    total: sum(rows),
  };
}

export const kilobytes = (bytes) => (bytes / 1000).toFixed(1);

/** The sizes as a markdown table: the first visit's files, then the totals. */
export function bundleTable({ files, first, lazy, total }) {
  const line = (name, s) => `| ${name} | ${kilobytes(s.raw)} | ${kilobytes(s.gzip)} | ${kilobytes(s.brotli)} |`;
  return [
    "| file | raw KB | gzip -9 KB | brotli -q 11 KB |",
    "| --- | ---: | ---: | ---: |",
    ...files.filter((row) => !row.lazy).map((row) => line(row.file, row)),
    line("**first visit**", first),
    line(`lazy chunks (${lazy.files} files)`, lazy),
    line("whole app", total),
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
    const verdict = sizes.first.brotli <= BUDGET_BROTLI_BYTES ? "within" : "over";
    console.log(`\nbudget for the first visit ${kilobytes(BUDGET_BROTLI_BYTES)} KB brotli (KB = 1000 bytes): ${verdict}`);
  }
}
