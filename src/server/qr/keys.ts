/** Which key verifies a token: a site secret by its id, or an enrolled kiosk's presence key (derived, window-scoped). */
import type { Db } from '../db/sqlite';
import { derivePresenceKey, presenceKid, toBase64Url, type KeyGrant } from '../../shared/token';
import { activeSecret, secretByKid, type SiteSecret } from './secrets';

export interface KioskKeyFacts { id: string; siteId: string; windowId: string; revoked: boolean }

/** Where keys come from; the database in the endpoint, plain maps in tests. */
export interface KeySources {
  secretByKid(kid: string): SiteSecret | null;
  activeSecret(siteId: string): SiteSecret | null;
  kiosk(id: string): KioskKeyFacts | null;
}

/** Resolves a token's key id to the key and what it may sign; null for unknown, retired or revoked keys. */
export function keyResolver(src: KeySources): (kid: string) => Promise<KeyGrant | null> {
  return async (kid) => {
    if (kid.startsWith('s.')) {
      const s = src.secretByKid(kid);
      return s ? { key: s.secret, scope: { kind: 'any' } } : null;
    }
    if (kid.startsWith('p.')) {
      const kiosk = src.kiosk(kid.slice(2));
      if (!kiosk || kiosk.revoked) return null;
      const secret = src.activeSecret(kiosk.siteId);
      if (!secret) return null;
      return { key: await derivePresenceKey(secret.secret, kiosk.id, kiosk.windowId), scope: { kind: 'presence', windowId: kiosk.windowId } };
    }
    return null;
  };
}

/** Key sources backed by the endpoint's database. */
export function dbKeySources(db: Db): KeySources {
  return {
    secretByKid: (kid) => secretByKid(db, kid),
    activeSecret: (siteId) => activeSecret(db, siteId),
    kiosk: (id) => {
      const r = db.prepare('SELECT id, site_id, window_id, revoked_at FROM kiosks WHERE id = ?').get(id) as
        { id: string; site_id: string; window_id: string; revoked_at: number | null } | undefined;
      return r ? { id: r.id, siteId: r.site_id, windowId: r.window_id, revoked: r.revoked_at !== null } : null;
    },
  };
}

/** What a kiosk receives to sign its own presence codes offline. */
export interface PresenceKey { kid: string; key: string; windowId: string }

export async function presenceKeyFor(secret: SiteSecret, kiosk: { id: string; windowId: string }): Promise<PresenceKey> {
  const key = await derivePresenceKey(secret.secret, kiosk.id, kiosk.windowId);
  return { kid: presenceKid(kiosk.id), key: toBase64Url(key), windowId: kiosk.windowId };
}
