/**
 * A long export does not keep the pages it has already written: where the process runs with --expose-gc (as
 * `npm start` runs it), exports ask V8 for a young-generation collection every few megabytes they hand out.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/server/config/load';
import { COLLECT_EVERY_BYTES, exportStream, type ExportSpec } from '../../src/server/export/run';
import type { Store } from '../../src/server/store';
import { CONFIG_DIR } from './testkit';

const config = loadConfig(CONFIG_DIR);
const spec: ExportSpec = {
  what: 'responses', format: 'csv', lang: 'zh', options: { unmasked: false, gbCode: false },
  filter: { siteId: 'demo', from: '2026-01-01', to: '2026-12-31', includeSuspect: false, windowId: null },
};
const PAGE = 1024 * 1024;

/** A store whose database writes `pages` pages of 1 MB of lines. */
function storeOf(pages: number): Pick<Store, 'exportRows'> {
  const line = new TextEncoder().encode(`${'x'.repeat(99)}\r\n`);
  const page = new Uint8Array(PAGE);
  for (let i = 0; i < PAGE; i += line.length) page.set(line.subarray(0, Math.min(line.length, PAGE - i)), i);
  return {
    exportRows: {
      responses: () => { throw new Error('the JavaScript writer was not expected'); },
      suggestions: () => { throw new Error('the JavaScript writer was not expected'); },
      async *lines() { for (let i = 0; i < pages; i++) yield page.slice(); },
    },
  };
}

afterEach(() => { delete (globalThis as { gc?: unknown }).gc; });

describe('memory of a long export', () => {
  it('with --expose-gc, an export asks for a young-generation collection each time it has handed out 8 MB', async () => {
    const gc = vi.fn();
    (globalThis as { gc?: unknown }).gc = gc;
    const pages = 4 * (COLLECT_EVERY_BYTES / PAGE);
    const bytes = (await new Response(exportStream(storeOf(pages), config, spec)).arrayBuffer()).byteLength;
    expect(bytes).toBeGreaterThan(pages * PAGE);
    // 4 × 8 MB of pages and a header: four collections, a fifth only if an earlier export left a remainder
    expect(gc.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(gc.mock.calls.length).toBeLessThanOrEqual(5);
    expect(gc).toHaveBeenCalledWith({ type: 'minor' });
  });

  it('without --expose-gc there is no collector to ask, and the export still streams every byte', async () => {
    const bytes = (await new Response(exportStream(storeOf(20), config, spec)).arrayBuffer()).byteLength;
    expect(bytes).toBeGreaterThan(20 * PAGE);
  });
});
