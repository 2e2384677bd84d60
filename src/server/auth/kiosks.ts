import type { Areas, KioskRow } from '../store';
import { newToken, tokenHash } from './secrets';
import { uuidv7 } from '../../shared/ids';

export interface Kiosk {
  id: string; siteId: string; windowId: string; revoked: boolean; lastSeq: number | null;
  /** The windows it showed before a Move: ratings made there and still queued are taken. */
  pastWindows: readonly string[];
}

/** The stored list of a kiosk's past windows; a damaged one counts as none. */
function pastWindows(json: string | null | undefined): string[] {
  try {
    const v: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string') : [];
  } catch {
    return [];
  }
}

type Kiosks = Pick<Areas, 'kiosks'>;

/** Enrols a kiosk for a window; the token is returned once and stored hashed. */
export async function enrolKiosk(store: Kiosks, siteId: string, windowId: string, now = Date.now(), name: string | null = null): Promise<{ kiosk: Kiosk; token: string }> {
  const token = newToken();
  const id = uuidv7(now);
  await store.kiosks.add({ id, tokenHash: tokenHash(token), siteId, windowId, name, createdAt: now });
  return { kiosk: { id, siteId, windowId, revoked: false, lastSeq: null, pastWindows: [] }, token };
}

/** The kiosk a device token belongs to, or null for an unknown or revoked token. */
export async function kioskByToken(store: Kiosks, token: string): Promise<Kiosk | null> {
  const row = await store.kiosks.byTokenHash(tokenHash(token));
  if (!row || row.revoked_at !== null) return null;
  return { id: row.id, siteId: row.site_id, windowId: row.window_id, revoked: false, lastSeq: row.last_seq, pastWindows: pastWindows(row.past_windows) };
}

/** What the fleet view shows of one kiosk; `heartbeat` is the latest one the kiosk sent, as stored. */
export interface KioskListing {
  id: string; siteId: string; windowId: string; createdAt: number; revokedAt: number | null; lastSeenAt: number | null;
  lastSeq: number | null; heartbeat: Record<string, unknown> | null;
  /** Given at pairing; null shows the window's number and name. */
  name: string | null;
}

function toListing(r: KioskRow): KioskListing {
  return {
    id: r.id, siteId: r.site_id, windowId: r.window_id, createdAt: r.created_at, revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at,
    lastSeq: r.last_seq, heartbeat: parseHeartbeat(r.heartbeat), name: r.name ?? null,
  };
}

/** Every kiosk, revoked ones included. */
export async function listKiosks(store: Kiosks): Promise<KioskListing[]> {
  return (await store.kiosks.list()).map(toListing);
}

/** One kiosk as the fleet view shows it, or null. */
export async function kioskListing(store: Kiosks, id: string): Promise<KioskListing | null> {
  const r = await store.kiosks.byId(id);
  return r ? toListing(r) : null;
}

function parseHeartbeat(s: string | null): Record<string, unknown> | null {
  if (!s) return null;
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null; // a heartbeat is advisory; a garbled one shows as none
  }
}

/** Revokes a kiosk: its token stops working at once. Returns false for an unknown or already revoked kiosk. */
export function revokeKiosk(store: Kiosks, id: string, now: number): Promise<boolean> {
  return store.kiosks.revoke(id, now);
}

/** Moves a kiosk to another window (same token); false for an unknown or revoked kiosk. */
export function moveKiosk(store: Kiosks, id: string, siteId: string, windowId: string): Promise<boolean> {
  return store.kiosks.move(id, siteId, windowId);
}
