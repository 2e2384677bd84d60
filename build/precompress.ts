/** Writes gzip and brotli copies of every compressible built file, so the endpoint serves them without compressing per request. */
import type { Plugin } from 'vite';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;
const MIN_BYTES = 512;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Compresses `dir` in place: `x.js` gains `x.js.gz` and `x.js.br` when they are smaller. */
export function precompressDir(dir: string): { files: number; bytes: number; gzip: number; brotli: number } {
  const total = { files: 0, bytes: 0, gzip: 0, brotli: 0 };
  for (const p of files(dir)) {
    if (!COMPRESSIBLE.test(p)) continue;
    const raw = readFileSync(p);
    if (raw.length < MIN_BYTES) continue;
    const gz = gzipSync(raw, { level: 9 });
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    if (gz.length < raw.length) writeFileSync(`${p}.gz`, gz);
    if (br.length < raw.length) writeFileSync(`${p}.br`, br);
    total.files++; total.bytes += raw.length; total.gzip += gz.length; total.brotli += br.length;
  }
  return total;
}

/** Runs last, after the service worker is written. */
export function precompress(outDir: string): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const t = precompressDir(outDir);
        this.info?.(`precompressed ${t.files} files: ${t.bytes} B → gzip ${t.gzip} B, brotli ${t.brotli} B`);
      },
    },
  };
}
