/**
 * Retention: phone numbers and free-text contacts older than each site's `retentionDays` are erased, and telephone
 * numbers a citizen typed into a comment or a suggestion are masked there (138****5678); ratings, reasons and the
 * rest of the words stay. `npm run purge` runs it once (cli/purge.ts); main.ts runs it daily (one
 * process of several: the job holds a lease in the store).
 */
import { randomUUID } from 'node:crypto';
import type { Store } from './store';
import type { ConfigIndex } from './config/load';
import { audit } from './audit';
import { FORGET_FAILURES_MS } from './auth/ratelimit';
import { maskPhonesInText } from '../shared/contact';

const DAY_MS = 86_400_000;

/** The instant before which a site's personal data is past its retention: the purge erases it, nothing gives it out. */
export function retentionCutoff(site: { retentionDays: number }, now: number): number {
  return now - site.retentionDays * DAY_MS;
}

export interface PurgeResult { sites: { siteId: string; before: string; phones: number; contacts: number; texts: number }[] }

/** Comments or suggestion texts masked per unit of work: a first purge over years of comments never holds the store long. */
const MASK_PAGE = 500;

/**
 * Erases personal data received before each site's retention cut-off: numbers typed into the words first, a page per
 * unit of work (where it stopped is kept, so a purge cut off goes on from there), then phones and contacts with one
 * audit entry in the same transaction.
 */
export async function purgePersonalData(store: Store, config: ConfigIndex, now: number, actor = 'system'): Promise<PurgeResult> {
  const texts = new Map<string, number>();
  for (const site of config.config.sites) {
    const cutoff = retentionCutoff(site, now);
    let n = 0;
    for (const table of ['responses', 'suggestions'] as const) {
      for (;;) {
        const page = await store.tx((t) => t.retention.maskTexts(site.id, table, cutoff, MASK_PAGE, maskPhonesInText));
        n += page.masked;
        if (page.done) break;
      }
    }
    texts.set(site.id, n);
  }
  return store.tx(async (t) => {
    const result: PurgeResult = { sites: [] };
    for (const site of config.config.sites) {
      const cutoff = retentionCutoff(site, now);
      const erased = await t.retention.erase(site.id, cutoff);
      result.sites.push({ siteId: site.id, before: new Date(cutoff).toISOString(), ...erased, texts: texts.get(site.id) ?? 0 });
    }
    await audit(t, actor, 'purge', { ...result }, now);
    return result;
  });
}

/** The daily job: whichever process holds the day's lease purges; the others skip. */
export async function dailyPurge(store: Store, config: ConfigIndex, now: number, holder: string): Promise<PurgeResult | null> {
  if (!(await store.leases.acquire('retention-purge', holder, now, DAY_MS - 60_000))) return null;
  await store.limits.sweep(now - FORGET_FAILURES_MS);
  return purgePersonalData(store, config, now);
}

/**
 * Runs the purge now and then every 24 hours; returns a stop function, which resolves once a purge under way is done
 * (the endpoint's stop waits for it, within its grace period, before the database closes).
 */
export function startDailyPurge(store: Store, config: ConfigIndex, now: () => number = Date.now): () => Promise<void> {
  const holder = `purge:${randomUUID()}`;
  let running: Promise<void> = Promise.resolve();
  const run = () => { running = purge(); };
  const purge = async () => {
    try {
      const r = await dailyPurge(store, config, now(), holder);
      const n = r ? r.sites.reduce((a, s) => a + s.phones + s.contacts, 0) : 0;
      const texts = r ? r.sites.reduce((a, s) => a + s.texts, 0) : 0;
      if (n + texts > 0) console.log(`Retention purge: erased ${n} phone numbers and contacts, and masked the numbers in ${texts} comments and suggestions, past their retention period.`);
    } catch (e) {
      console.error('retention purge failed; it runs again in 24 hours', e);
    }
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
