/** Loads kiosk-config/*.json and refuses a config with an error naming the file and the path inside it. */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { SiteSchema, StaffSchema, WindowSchema, type KioskConfig, type Site, type Window, type Staff } from '../../shared/config';

export class ConfigError extends Error {
  constructor(readonly file: string, readonly path: string, readonly problem: string) {
    super(`${file}${path ? ` at ${path}` : ''}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** The first key of `value` that `schema` does not know (a typo such as "timeZon"), as a dot path, or null. */
export function unknownKey(schema: unknown, value: unknown, path = ''): string | null {
  const sc = schema as { type?: string; entries?: Record<string, unknown>; wrapped?: unknown; item?: unknown };
  if (sc.type === 'optional' || sc.type === 'nullable' || sc.type === 'nullish') return unknownKey(sc.wrapped, value, path);
  if (sc.type === 'array' && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const k = unknownKey(sc.item, value[i], `${path}.${i}`);
      if (k) return k;
    }
    return null;
  }
  if (sc.type === 'object' && sc.entries && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const entry = sc.entries[key];
      if (!entry) return `${path}.${key}`;
      const k = unknownKey(entry, inner, `${path}.${key}`);
      if (k) return k;
    }
  }
  return null;
}

function readArray<T>(dir: string, name: string, schema: v.GenericSchema<unknown, T>): T[] {
  const file = join(dir, name);
  if (!existsSync(file)) throw new ConfigError(name, '', 'file is missing');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(name, '', `not valid JSON (${(e as Error).message})`);
  }
  // Either a bare array or { "$schema": "./schema/<file>.schema.json", "<key>": [...] } so editors find the schema.
  const key = name.replace(/\.json$/, '');
  const wrapped = raw !== null && typeof raw === 'object' && !Array.isArray(raw);
  const list: unknown = wrapped ? (raw as Record<string, unknown>)[key] : raw;
  if (wrapped) {
    const extra = Object.keys(raw as object).find((k) => k !== key && k !== '$schema');
    if (extra) throw new ConfigError(name, extra, `unexpected key; the file holds "$schema" and "${key}"`);
  }
  if (!Array.isArray(list)) throw new ConfigError(name, wrapped ? key : '', wrapped ? `"${key}" must be a JSON array` : `must be a JSON array or an object with "${key}"`);
  const prefix = wrapped ? key : '';
  return list.map((item, i) => {
    const unknown = unknownKey(schema, item);
    if (unknown) throw new ConfigError(name, `${prefix}[${i}]${unknown}`, 'unknown field (a typo?); see kiosk-config/schema for the fields');
    const r = v.safeParse(schema, item);
    if (!r.success) {
      const issue = r.issues[0]!;
      const inner = v.getDotPath(issue);
      throw new ConfigError(name, `${prefix}[${i}]${inner ? '.' + inner : ''}`, issue.message);
    }
    return r.output;
  });
}

/** Reads and cross-checks sites.json, windows.json and staff.json. */
export function loadConfig(dir: string): KioskConfig {
  const sites: Site[] = readArray(dir, 'sites.json', SiteSchema);
  const windows: Window[] = readArray(dir, 'windows.json', WindowSchema);
  const staff: Staff[] = readArray(dir, 'staff.json', StaffSchema);
  /** The first repeat of `key` among `items` (by index), refused with its file, path and value. */
  const once = <T>(file: string, items: readonly T[], field: string, key: (x: T) => string, what: (x: T) => string) => {
    const first = new Map<string, number>();
    items.forEach((x, i) => {
      const k = key(x);
      const j = first.get(k);
      if (j !== undefined) throw new ConfigError(file, `[${i}].${field}`, `${what(x)} is also at [${j}]: each must be given once`);
      first.set(k, i);
    });
  };
  once('sites.json', sites, 'id', (s) => s.id, (s) => `duplicate site id "${s.id}"`);
  once('staff.json', staff, 'id', (s) => s.id, (s) => `duplicate staff id "${s.id}"`);
  // staff sign in on a kiosk with their number: two people of one hall with the same number could not both
  once('staff.json', staff, 'staffNumber', (s) => `${s.siteId}\u0000${s.staffNumber}`, (s) => `staff number "${s.staffNumber}" of site "${s.siteId}"`);
  // a window is known by its number on posters, screens and in exports
  once('windows.json', windows, 'number', (w) => `${w.siteId}\u0000${w.number}`, (w) => `window number "${w.number}" of site "${w.siteId}"`);
  sites.forEach((s, i) => {
    if (s.openingHours.close <= s.openingHours.open) throw new ConfigError('sites.json', `[${i}].openingHours`, 'close must be after open (HH:MM, the same day)');
    const at = new Map<string, number>();
    s.reasons.forEach((r, k) => {
      if (at.has(r.code)) throw new ConfigError('sites.json', `[${i}].reasons[${k}].code`, `reason code "${r.code}" is also at reasons[${at.get(r.code)}]: each must be given once`);
      at.set(r.code, k);
    });
  });
  const siteIds = new Set(sites.map((s) => s.id));
  const staffIds = new Set(staff.map((s) => s.id));
  const seen = new Set<string>();
  windows.forEach((w, i) => {
    if (seen.has(w.id)) throw new ConfigError('windows.json', `[${i}].id`, `duplicate window id "${w.id}"`);
    seen.add(w.id);
    if (!siteIds.has(w.siteId)) throw new ConfigError('windows.json', `[${i}].siteId`, `unknown site "${w.siteId}"`);
    if (w.staffOnDuty && !staffIds.has(w.staffOnDuty)) throw new ConfigError('windows.json', `[${i}].staffOnDuty`, `unknown staff "${w.staffOnDuty}"`);
  });
  staff.forEach((s, i) => {
    if (!siteIds.has(s.siteId)) throw new ConfigError('staff.json', `[${i}].siteId`, `unknown site "${s.siteId}"`);
  });
  sites.forEach((s, i) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: s.timeZone });
    } catch {
      throw new ConfigError('sites.json', `[${i}].timeZone`, `unknown time zone "${s.timeZone}"`);
    }
  });
  return { sites, windows, staff };
}

/** Lookups over a loaded config. */
export class ConfigIndex {
  readonly sites = new Map<string, Site>();
  readonly windows = new Map<string, Window>();
  readonly staff = new Map<string, Staff>();
  constructor(readonly config: KioskConfig) {
    for (const s of config.sites) this.sites.set(s.id, s);
    for (const w of config.windows) this.windows.set(w.id, w);
    for (const s of config.staff) this.staff.set(s.id, s);
  }
  siteOfWindow(windowId: string): Site | undefined {
    const w = this.windows.get(windowId);
    return w ? this.sites.get(w.siteId) : undefined;
  }
}
