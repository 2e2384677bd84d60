import { describe, it, expect, onTestFinished } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildEnv, OUTPUTS, SOURCES, staleReason } from '../../build/stale.mjs';

const T = Date.parse('2026-11-02T08:00:00Z') / 1000;

/** A checkout in a temporary folder: every source and every build output, each file stamped at `at` (seconds). */
function checkout(at: { sources: number; outputs: number }): string {
  const root = mkdtempSync(join(tmpdir(), 'fk-start-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const put = (rel: string, when: number) => {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, rel);
    utimesSync(file, when, when);
    utimesSync(dirname(file), when, when);
  };
  for (const s of SOURCES) put(s.includes('.') ? s : join(s, 'index.ts'), at.sources);
  for (const o of OUTPUTS) put(o, at.outputs);
  return root;
}

const touch = (root: string, rel: string, when: number) => {
  writeFileSync(join(root, rel), 'changed');
  utimesSync(join(root, rel), when, when);
};

describe('npm start decides whether to build', () => {
  it('a fresh clone without dist/ is built first', () => {
    const root = checkout({ sources: T, outputs: T + 60 });
    rmSync(join(root, 'dist'), { recursive: true });
    expect(staleReason(root)).toMatch(/dist\/app\/kiosk\.html is missing/);
  });

  it('a restart after a build with no source changed starts at once, without building', () => {
    expect(staleReason(checkout({ sources: T, outputs: T + 60 }))).toBeNull();
  });

  it('a source edited after the last build makes it build again, naming what changed', () => {
    const root = checkout({ sources: T, outputs: T + 60 });
    touch(root, 'src/index.ts', T + 120);
    expect(staleReason(root)).toBe('src changed since the last build');
  });

  it('an upgraded package-lock.json makes it build again', () => {
    const root = checkout({ sources: T, outputs: T + 60 });
    touch(root, 'package-lock.json', T + 120);
    expect(staleReason(root)).toBe('package-lock.json changed since the last build');
  });

  it('a half-finished build (the endpoint compiled, the app not) is built again', () => {
    const root = checkout({ sources: T, outputs: T + 60 });
    rmSync(join(root, 'dist/app/sw.js'));
    expect(staleReason(root)).toBe('dist/app/sw.js is missing');
  });

  it('the oldest output counts: a source newer than the app but older than the endpoint still builds', () => {
    const root = checkout({ sources: T, outputs: T + 60 });
    touch(root, 'dist/server/main.js', T + 600);
    touch(root, 'public/index.ts', T + 300);
    expect(staleReason(root)).toBe('public changed since the last build');
  });
});

describe('what npm start builds', () => {
  it('a production build whatever NODE_ENV the service runs with, the rest of its environment kept', () => {
    for (const nodeEnv of ['test', 'development', 'bench', undefined]) {
      expect(buildEnv({ NODE_ENV: nodeEnv, DATA_DIR: '/var/lib/window-feedback' })).toEqual({ NODE_ENV: 'production', DATA_DIR: '/var/lib/window-feedback' });
    }
  });
});

describe('how node runs the endpoint', () => {
  const ROOT = join(import.meta.dirname, '../..');
  const startFlags = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/).filter((a) => a.startsWith('--'));

  it('the systemd unit runs node with the flags of npm start, which the export memory figures were measured with', () => {
    const exec = /^ExecStart=(.*)$/m.exec(readFileSync(join(ROOT, 'docs/deploy/window-feedback.service'), 'utf8'))![1]!;
    expect(exec.split(/\s+/).filter((a) => a.startsWith('--'))).toEqual(startFlags);
    expect(startFlags).toEqual(expect.arrayContaining(['--expose-gc', '--max-semi-space-size=8', '--heap-growing-percent=20']));
  });

  it('this node accepts every one of those flags (a node that dropped one would not start the service)', () => {
    const run = spawnSync(process.execPath, [...startFlags, '-e', 'process.exit(typeof gc === "function" ? 0 : 3)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
