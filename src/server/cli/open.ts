/** Where the endpoint and its command-line tools find their store and configuration. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openStore, type Store } from '../store';
import { loadConfig, ConfigIndex } from '../config/load';
import { privateDataDir } from './data-dir';

export const ROOT = resolve(import.meta.dirname, '../../..');

/** DATA_DIR (default ./data), where the SQLite file lives. */
export function dataDir(): string {
  return resolve(process.env.DATA_DIR ?? join(ROOT, 'data'));
}

/**
 * The store DATABASE_URL names (in DATABASE_SCHEMA, default public), else DATA_DIR/kiosk.sqlite (or `file`), its
 * folder and backups made the service user's alone first (privateDataDir).
 */
export function openConfiguredStore(file?: string): Promise<Store> {
  const url = process.env.DATABASE_URL || undefined;
  const path = file ?? join(dataDir(), 'kiosk.sqlite');
  if (!url) privateDataDir(path);
  return openStore({ url, schema: process.env.DATABASE_SCHEMA || undefined, file: path });
}

export function configuredConfig(): ConfigIndex {
  return new ConfigIndex(loadConfig(resolve(process.env.CONFIG_DIR ?? join(ROOT, 'kiosk-config'))));
}

/**
 * The configured store for a command that works on data already there (backup, purge, roll-ups): a SQLite file
 * that does not exist is an error, not a new empty database (a wrong DATA_DIR would otherwise "succeed" nightly).
 */
export function openExistingStore(file?: string): Promise<Store> {
  const path = file ?? join(dataDir(), 'kiosk.sqlite');
  if (!process.env.DATABASE_URL && !existsSync(path)) throw new NoDatabase(path);
  return openConfiguredStore(file);
}

export class NoDatabase extends Error {
  constructor(readonly path: string) {
    super(`no database at ${path}: check DATA_DIR (the endpoint makes the database at its first start)`);
  }
}
