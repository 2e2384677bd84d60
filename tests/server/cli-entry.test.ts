/**
 * The commands (`npm run purge`, `seed`, `backup`, …) run their work when their file is the script node was started
 * with. Compiled, the endpoint is one bundle (dist/server/main.js): a command's file imported by the endpoint would
 * find itself "the script" and run at start (a purge opened a second store and the endpoint died on a locked database).
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const SERVER = resolve(import.meta.dirname, '../../src/server');
const RUNS_AS_SCRIPT = /process\.argv\[1\][^\n]*import\.meta\.url|import\.meta\.url[^\n]*process\.argv\[1\]/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Files a module imports (static and dynamic), resolved to their .ts path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\(\s*)'(\.[^']+)'/g)].map((m) => resolve(dirname(file), `${m[1]!.replace(/\.js$/, '')}.ts`));
}

describe('the endpoint and the commands', () => {
  it('no module the endpoint loads runs as a command when it finds itself the script', () => {
    const commands = sources(SERVER).filter((f) => RUNS_AS_SCRIPT.test(readFileSync(f, 'utf8')));
    expect(commands.length).toBeGreaterThan(3); // purge, seed, backup, migrate-store, tls…
    const loaded = new Set<string>();
    const visit = (f: string) => {
      if (loaded.has(f)) return;
      loaded.add(f);
      try { statSync(f); } catch { return; } // a folder's index or a non-ts import: not ours to follow
      for (const g of importsOf(f)) visit(g);
    };
    visit(join(SERVER, 'main.ts'));
    expect(loaded.size).toBeGreaterThan(50);
    expect(commands.filter((c) => loaded.has(c)).map((c) => relative(SERVER, c))).toEqual([]);
  });
});
