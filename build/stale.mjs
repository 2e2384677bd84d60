/**
 * Whether `npm start` must build first: dist/ is missing a part, or a source changed after the last build.
 * Plain JavaScript, so `npm start` can decide before anything is compiled.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the endpoint is built from, relative to the repository root. */
export const SOURCES = ['src', 'public', 'build', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** What a complete build leaves behind. */
export const OUTPUTS = ['dist/app/kiosk.html', 'dist/app/sw.js', 'dist/server/main.js'];

/** Newest modification time under a path (files and folders), in ms; 0 when absent. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/** Why a build is needed under `root`, or null when every output exists and is newer than every source. */
export function staleReason(root, sources = SOURCES, outputs = OUTPUTS) {
  const missing = outputs.find((f) => !existsSync(join(root, f)));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...outputs.map((f) => statSync(join(root, f)).mtimeMs));
  const changed = sources.find((s) => newest(join(root, s)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/**
 * The environment `npm start` builds in: the service's own, with NODE_ENV production whatever the service runs with.
 * Vite builds for NODE_ENV: a service started with NODE_ENV=test, development or anything else was built with
 * preact's development code, a kiosk page some 1 kB (gzip) larger and slower on a tablet, past its 30 KB budget.
 */
export function buildEnv(env) {
  return { ...env, NODE_ENV: 'production' };
}
