import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './harness';

const BUDGET = 30 * 1024;

interface Chunk { file: string; imports?: string[]; dynamicImports?: string[] }
type Manifest = Record<string, Chunk>;

const staticDir = process.env.STATIC_DIR ?? join(ROOT, 'dist/app');

/** Every JS file the kiosk page loads: its entry, static imports transitively, and dynamic imports it makes at start. */
function kioskFiles(m: Manifest): string[] {
  const seen = new Set<string>();
  const visit = (key: string): void => {
    const chunk = m[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const k of chunk.imports ?? []) visit(k);
    for (const k of chunk.dynamicImports ?? []) visit(k);
  };
  visit('kiosk.html');
  return [...seen].filter((f) => f.endsWith('.js'));
}

describe('the kiosk page budget', () => {
  const manifestPath = join(staticDir, '.vite/manifest.json');

  it('all JavaScript loaded by /kiosk/<windowId> is at most 30 KB gzip', () => {
    expect(existsSync(manifestPath), `${manifestPath} is missing: build first`).toBe(true);
    const files = kioskFiles(JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest);
    expect(files.length).toBeGreaterThan(0);
    const sizes = files.map((f) => ({ f, gz: gzipSync(readFileSync(join(staticDir, f)), { level: 9 }).length }));
    const total = sizes.reduce((a, s) => a + s.gz, 0);
    console.log(`kiosk JS: ${total} bytes gzip in ${files.length} files (${sizes.map((s) => `${s.f} ${s.gz}`).join(', ')})`);
    expect(total).toBeLessThanOrEqual(BUDGET);
  });

  it('chart.js never loads on the kiosk', () => {
    const files = kioskFiles(JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest);
    for (const f of files) {
      const src = readFileSync(join(staticDir, f), 'utf8');
      expect(src, f).not.toMatch(/chart\.js|Chart\.register|chartjs/i);
    }
  });
});
