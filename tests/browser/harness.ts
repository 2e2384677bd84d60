/** Real Chromium (Debian's) driven by playwright-core, and the real endpoint on 127.0.0.1. */
import { chromium, type Browser } from 'playwright-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dropSchema, dropStaleScratch, scratchSchema } from '../../src/server/store/postgres/scratch';
import { createServer } from 'node:net';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium with the flags this sandbox needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => ok(port));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  port: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas = new Map<string, string>();
let swept: Promise<unknown> | null = null;

/** The PostgreSQL schema of a data dir; the first call also drops test schemas an earlier run left (older than an hour). */
async function schemaOf(dataDir: string): Promise<string> {
  swept ??= dropStaleScratch(PG_URL, 't', Date.now() - 60 * 60_000);
  await swept;
  let s = schemas.get(dataDir);
  if (!s) schemas.set(dataDir, (s = scratchSchema('t')));
  return s;
}

/** Starts `src/server/main.ts` as its own process on 127.0.0.1 with a fresh data dir. */
export async function startServer(opts: { port?: number; dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const staticDir = process.env.STATIC_DIR ?? join(ROOT, 'dist/app');
  if (!existsSync(join(staticDir, 'kiosk.html'))) throw new Error(`${staticDir} is missing: run \`npm run build\` first (npm test does)`);
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'fk-data-'));
  // TEST_ENGINE=postgres: the server stores in a fresh PostgreSQL schema, the same again for a restart on its data dir.
  const pgEnv: Record<string, string> = process.env.TEST_ENGINE === 'postgres' ? { DATABASE_URL: PG_URL, DATABASE_SCHEMA: await schemaOf(dataDir) } : {};
  const dropPg = async () => { if (pgEnv.DATABASE_SCHEMA) await dropSchema(PG_URL, pgEnv.DATABASE_SCHEMA); };
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: staticDir, ADMIN_PASSWORD: 'admin-pass', NODE_ENV: 'test', ...pgEnv, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout?.on('data', (d: Buffer) => { log += d.toString(); });
  proc.stderr?.on('data', (d: Buffer) => { log += d.toString(); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000; // a loaded CI machine can take this long to compile and start the endpoint
  for (;;) {
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill('SIGKILL');
      await dropPg(); // no stop() will follow: leave no schema behind
      throw new Error(`server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, dataDir, port, proc,
    stop: async () => {
      await new Promise<void>((ok) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return ok(); // already gone (e.g. killed by a test)
        proc.once('exit', () => ok());
        proc.kill('SIGTERM');
      });
      await dropPg();
    },
  };
}

/** Signs in as the admin and returns the session cookie header. */
export async function adminCookie(url: string, password = 'admin-pass'): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  if (!r.ok) throw new Error(`login failed: ${r.status}`);
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/**
 * Renders a screenshot; writes it to `path` (under docs/screenshots) only when SCREENSHOTS=1,
 * so a test run never changes the committed pictures.
 */
export async function saveShot(target: { screenshot(o?: { path?: string }): Promise<Buffer> }, path: string): Promise<Buffer> {
  return process.env.SCREENSHOTS === '1' || process.env.KIOSK_SCREENSHOTS === '1' ? target.screenshot({ path }) : target.screenshot();
}
