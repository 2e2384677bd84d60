import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './harness';
import { browser, server, useStage } from './stage';

// The kiosk's idle screen on a low-end tablet: everything it loads until the network is quiet, gzip.
const BUDGET = 30 * 1024;
const staticDir = process.env.STATIC_DIR ?? join(ROOT, 'dist/app');

interface Chunk { file: string; src?: string; imports?: string[]; dynamicImports?: string[] }
type Manifest = Record<string, Chunk>;

function readManifest(): Manifest {
  const path = join(staticDir, '.vite/manifest.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: build first`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** The kiosk entry and everything it imports statically, transitively. */
function staticClosure(m: Manifest, key = 'kiosk.html', seen = new Set<string>()): Set<string> {
  const chunk = m[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const k of chunk.imports ?? []) staticClosure(m, k, seen);
  return seen;
}

function gz(file: string): number {
  return gzipSync(readFileSync(join(staticDir, file)), { level: 9 }).length;
}

useStage();

describe('the kiosk page budget', () => {
  /** JS files the page fetched from the start until the idle screen is up and the network is quiet. */
  async function loadedAtStart(): Promise<Set<string>> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const files = new Set<string>();
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname.replace(/^\//, '');
      if (path.endsWith('.js')) files.add(path);
    });
    await page.goto(`${server.url}/kiosk/w01`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    await page.waitForLoadState('networkidle');
    await context.close();
    return files;
  }

  it('all JavaScript loaded by /kiosk/<windowId> is at most 30 KB gzip', async () => {
    const m = readManifest();
    const files = new Set([...staticClosure(m), ...(await loadedAtStart())].filter((f) => existsSync(join(staticDir, f))));
    const sizes = [...files].map((f) => ({ f, gz: gz(f) }));
    const total = sizes.reduce((a, s) => a + s.gz, 0);
    console.log(`kiosk JS at start: ${total} bytes gzip in ${files.size} files (${sizes.map((s) => `${s.f} ${s.gz}`).join(', ')})`);
    expect(files.has(m['kiosk.html']!.file)).toBe(true);
    expect(total).toBeLessThanOrEqual(BUDGET);
  });

  it('the staff corner is loaded only when staff ask for it, not at start', async () => {
    const m = readManifest();
    const lazy = (m['kiosk.html']!.dynamicImports ?? []).map((k) => m[k]!.file);
    expect(lazy.length).toBeGreaterThan(0);
    const atStart = await loadedAtStart();
    for (const f of lazy) expect(atStart.has(f), f).toBe(false);
  });

  it('chart.js never loads on the kiosk', async () => {
    const m = readManifest();
    const all = new Set([...staticClosure(m), ...(m['kiosk.html']!.dynamicImports ?? []).flatMap((k) => [...staticClosure(m, k)])]);
    for (const f of all) {
      expect(readFileSync(join(staticDir, f), 'utf8'), f).not.toMatch(/chart\.js|Chart\.register|chartjs/i);
    }
  });
});
