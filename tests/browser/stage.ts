/**
 * The stage a browser test file plays on: one endpoint and one Chromium, started before its tests and
 * stopped after, optionally over a seeded store and with the admin signed in.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, startServer, ROOT, type RunningServer } from './harness';
import { openStore, type Store } from '../../src/server/store';
import { loadConfig } from '../../src/server/config/load';
import { seedResponses } from '../../src/server/cli/seed';
import { addVeto } from '../../src/server/stats/vetoes';
import { siteDay, previousMonth } from '../../src/shared/time';

/** Today and last month at the demo site. */
export const today = siteDay(Date.now(), 'Asia/Shanghai');
export const lastMonth = previousMonth(today.slice(0, 7));

// Live bindings: a test file imports these and reads them once useStage's beforeAll has set them.
export let browser: Browser;
export let server: RunningServer;
/** The admin's session, set when useStage was asked to sign in. */
export let session: { cookie: string; csrf: string };

export interface StageOptions {
  /** Fills a fresh SQLite store before the endpoint opens it. */
  seed?: (store: Store) => Promise<void>;
  /** Signs the admin in once the endpoint is up (see `session` and `signedIn`). */
  signIn?: boolean;
  env?: Record<string, string>;
}

/** Registers the file's beforeAll/afterAll that bring the stage up and down. */
export function useStage(opts: StageOptions = {}): void {
  beforeAll(async () => {
    let dataDir: string | undefined;
    if (opts.seed) {
      dataDir = mkdtempSync(join(tmpdir(), 'fk-seeded-'));
      const store = await openStore({ file: join(dataDir, 'kiosk.sqlite') });
      await opts.seed(store);
      await store.close();
    }
    server = await startServer({ dataDir, env: opts.env });
    browser = await launchBrowser();
    if (opts.signIn) session = await signIn(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}

async function signIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass' }) });
  if (!r.ok) throw new Error(`login failed: ${r.status}`);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: ((await r.json()) as { csrf: string }).csrf };
}

/** A new Chinese-locale context carrying the admin's session, and a page in it; `timezoneId` sets the browser's clock zone. */
export async function signedIn(viewport = { width: 1280, height: 800 }, opts: { timezoneId?: string } = {}): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', ...opts });
  const [name, value] = session.cookie.split('=') as [string, string];
  await ctx.addCookies([{ name, value, url: server.url }]);
  return { ctx, page: await ctx.newPage() };
}

/** A seed of demo responses over the `days` up to today, with one window vetoed last month. */
export function demoSeed(o: { responses: number; days: number; vetoed: string; reason: string }): (store: Store) => Promise<void> {
  return async (store) => {
    await seedResponses(store, loadConfig(join(ROOT, 'kiosk-config')), { responses: o.responses, days: o.days, end: today });
    await addVeto(store, { siteId: 'demo', subject: 'window', subjectId: o.vetoed, month: lastMonth, reason: o.reason, by: 'admin', at: Date.now() });
  };
}
