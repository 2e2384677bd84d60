/**
 * Retention: phone numbers and free-text contacts older than each site's `retentionDays` are erased;
 * ratings, reasons and comments stay. `npm run purge` runs it once; main.ts runs it daily.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '../db/sqlite';
import type { ConfigIndex } from '../config/load';
import { audit } from '../audit';

const DAY_MS = 86_400_000;

export interface PurgeResult { sites: { siteId: string; before: string; phones: number; contacts: number }[] }

/** Erases personal data received before each site's retention cut-off; writes one audit entry. */
export function purgePersonalData(db: Db, config: ConfigIndex, now: number, actor = 'system'): PurgeResult {
  const phones = db.prepare('UPDATE responses SET phone = NULL WHERE site_id = ? AND received_at < ? AND phone IS NOT NULL');
  const contacts = db.prepare('UPDATE suggestions SET contact = NULL WHERE site_id = ? AND received_at < ? AND contact IS NOT NULL');
  const result: PurgeResult = { sites: [] };
  db.transaction(() => {
    for (const site of config.config.sites) {
      const cutoff = now - site.retentionDays * DAY_MS;
      result.sites.push({
        siteId: site.id, before: new Date(cutoff).toISOString(),
        phones: phones.run(site.id, cutoff).changes, contacts: contacts.run(site.id, cutoff).changes,
      });
    }
    audit(db, actor, 'purge', { ...result }, now);
  })();
  return result;
}

/** Runs the purge now and then every 24 hours; returns a stop function. */
export function startDailyPurge(db: Db, config: ConfigIndex, now: () => number = Date.now): () => void {
  const run = () => {
    try {
      const r = purgePersonalData(db, config, now());
      const n = r.sites.reduce((a, s) => a + s.phones + s.contacts, 0);
      if (n > 0) console.log(`Retention purge: erased ${n} phone numbers and contacts past their retention period.`);
    } catch (e) {
      console.error('retention purge failed; it runs again in 24 hours', e);
    }
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

async function main(): Promise<void> {
  const { openDb } = await import('../db/sqlite');
  const { loadConfig, ConfigIndex } = await import('../config/load');
  const root = resolve(import.meta.dirname, '../../..');
  const db = openDb(join(resolve(process.env.DATA_DIR ?? join(root, 'data')), 'kiosk.sqlite'));
  const config = new ConfigIndex(loadConfig(resolve(process.env.CONFIG_DIR ?? join(root, 'kiosk-config'))));
  const r = purgePersonalData(db, config, Date.now(), 'cli');
  for (const s of r.sites) console.log(`${s.siteId}: erased ${s.phones} phone numbers and ${s.contacts} contacts received before ${s.before}`);
  db.close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
