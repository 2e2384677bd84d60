/** The endpoint as its own process (src/server/main.ts under tsx), with its output kept for the tests to read. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../browser/harness';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface Endpoint {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  output(): string;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export async function startEndpoint(opts: { env?: Record<string, string>; dataDir?: string; entry?: string } = {}): Promise<Endpoint> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'fk-deploy-'));
  const args = opts.entry ? [opts.entry] : ['--import', 'tsx', join(ROOT, 'src/server/main.ts')];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD: 'admin-pass-123', NODE_ENV: 'test', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | null>((ok) => proc.once('exit', (code) => ok(code)));
  const url = await new Promise<string>((ok, fail) => {
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = /listening on (https?:\/\/\S+)/.exec(log);
      if (m) ok(m[1]!);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    void exited.then((code) => fail(new Error(`endpoint exited (${code}) before listening:\n${log}`)));
  });
  return {
    url, port, dataDir, proc, exited,
    output: () => log,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** The session cookie of the first admin (made at start from ADMIN_PASSWORD). */
export async function adminSession(url: string, init: RequestInit = {}): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/v1/auth/login`, { ...init, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-123' }) });
  if (!r.ok) throw new Error(`login failed: ${r.status}`);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: ((await r.json()) as { csrf: string }).csrf };
}
