/**
 * `npm start`: builds the PWA and the endpoint only when dist/ is missing or older than the sources
 * (build/stale.mjs), then runs the compiled endpoint in this process (so SIGTERM reaches its graceful shutdown).
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildEnv, staleReason } from './stale.mjs';

const root = resolve(import.meta.dirname, '..');
const reason = staleReason(root);
if (reason) {
  console.log(`Building (${reason})…`);
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const env = buildEnv(process.env);
  execFileSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit', env });
  execFileSync(process.execPath, [vite, 'build', '--config', 'build/server.config.ts'], { cwd: root, stdio: 'inherit', env });
}
await import(pathToFileURL(join(root, 'dist/server/main.js')).href);
