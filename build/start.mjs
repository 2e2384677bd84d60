/**
 * `npm start`: builds the PWA and the endpoint only when dist/ is missing or older than the sources,
 * then runs the compiled endpoint in this process (so SIGTERM reaches its graceful shutdown).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const SOURCES = ['src', 'public', 'build', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];
const OUTPUTS = ['dist/app/kiosk.html', 'dist/app/sw.js', 'dist/server/main.js'];

/** Newest modification time under a path (files and folders), in ms. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/** Why a build is needed, or null when dist/ is complete and newer than every source. */
export function staleReason() {
  const missing = OUTPUTS.find((f) => !existsSync(join(root, f)));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...OUTPUTS.map((f) => statSync(join(root, f)).mtimeMs));
  const src = Math.max(...SOURCES.map((s) => newest(join(root, s))));
  return src > built ? 'sources changed since the last build' : null;
}

const reason = staleReason();
if (reason) {
  console.log(`Building (${reason})…`);
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [vite, 'build', '--config', 'build/server.config.ts'], { cwd: root, stdio: 'inherit' });
}
await import(pathToFileURL(join(root, 'dist/server/main.js')).href);
