import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openKioskDb } from '../../src/device/store/db';
import { loadWindowConfig } from '../../src/device/config';
import { makeEndpoint } from '../server/testkit';

let n = 0;
const freshDb = () => openKioskDb(`config-offline-${++n}`);

function recordingFetch(app: Awaited<ReturnType<typeof makeEndpoint>>['app']) {
  const seen: Array<{ status: number; ifNoneMatch: string | null }> = [];
  const f = (async (url: string, init?: RequestInit) => {
    const res = await app.request(url, init);
    seen.push({ status: res.status, ifNoneMatch: new Headers(init?.headers).get('if-none-match') });
    return res;
  }) as unknown as typeof fetch;
  return { f, seen };
}

const offline = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;

describe('the window configuration offline', () => {
  it('is fetched once, then revalidated with its ETag and answered 304 without a new body', async () => {
    const db = await freshDb();
    const { app } = await makeEndpoint();
    const { f, seen } = recordingFetch(app);
    const first = await loadWindowConfig(db, 'w01', f);
    expect(first).toMatchObject({ kind: 'ok', from: 'network' });
    const second = await loadWindowConfig(db, 'w01', f);
    expect(second).toMatchObject({ kind: 'ok', from: 'cache' });
    expect(seen[1]!.ifNoneMatch).toBeTruthy();
    expect(seen[1]!.status).toBe(304);
    if (first.kind === 'ok' && second.kind === 'ok') expect(second.config).toEqual(first.config);
  });

  it('a kiosk that loaded its configuration once starts from the cache with no network', async () => {
    const db = await freshDb();
    const { app } = await makeEndpoint();
    await loadWindowConfig(db, 'w01', recordingFetch(app).f);
    const r = await loadWindowConfig(db, 'w01', offline);
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') {
      expect(r.from).toBe('cache');
      expect(r.config.window.id).toBe('w01');
      expect(r.config.staff.length).toBeGreaterThan(0);
    }
  });

  it('a kiosk that never reached the endpoint says it cannot start rather than inventing a window', async () => {
    const db = await freshDb();
    expect((await loadWindowConfig(db, 'w01', offline)).kind).toBe('unavailable');
  });

  it('an unknown window is reported as such', async () => {
    const db = await freshDb();
    const { app } = await makeEndpoint();
    expect((await loadWindowConfig(db, 'nope', recordingFetch(app).f)).kind).toBe('unknown_window');
  });
});
