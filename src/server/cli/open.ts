/** Where the endpoint and its command-line tools find their store and configuration. */
import { join, resolve } from 'node:path';
import { openStore, type Store } from '../store';
import { loadConfig, ConfigIndex } from '../config/load';

export const ROOT = resolve(import.meta.dirname, '../../..');

/** DATA_DIR (default ./data), where the SQLite file lives. */
export function dataDir(): string {
  return resolve(process.env.DATA_DIR ?? join(ROOT, 'data'));
}

/** The store DATABASE_URL names (in DATABASE_SCHEMA, default public), else DATA_DIR/kiosk.sqlite (or `file`). */
export function openConfiguredStore(file?: string): Promise<Store> {
  return openStore({ url: process.env.DATABASE_URL || undefined, schema: process.env.DATABASE_SCHEMA || undefined, file: file ?? join(dataDir(), 'kiosk.sqlite') });
}

export function configuredConfig(): ConfigIndex {
  return new ConfigIndex(loadConfig(resolve(process.env.CONFIG_DIR ?? join(ROOT, 'kiosk-config'))));
}
