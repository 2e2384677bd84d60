/**
 * `npm run purge`: erases, once, the phone numbers and contacts past each site's retention period (retention.ts;
 * the endpoint runs the same job daily). Only a command: the endpoint imports nothing from here, so its compiled
 * bundle never mistakes itself for this script.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { purgePersonalData } from '../retention';
import { configuredConfig, NoDatabase, openExistingStore } from './open';
import { ConfigError } from '../config/load';

async function main(): Promise<void> {
  const store = await openExistingStore();
  const r = await purgePersonalData(store, configuredConfig(), Date.now(), 'cli');
  for (const s of r.sites) console.log(`${s.siteId}: erased ${s.phones} phone numbers and ${s.contacts} contacts, and masked the numbers in ${s.texts} comments and suggestions, received before ${s.before}`);
  await store.close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    if (e instanceof NoDatabase || e instanceof ConfigError) {
      console.error(`purge: ${e instanceof ConfigError ? 'configuration error: ' : ''}${e.message}`);
      process.exit(2);
    }
    console.error(e);
    process.exit(1);
  });
}
