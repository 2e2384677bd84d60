/** Per-site signing secrets: created at first start, rotatable; a retired secret verifies nothing. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/sqlite';
import { fromBase64Url, toBase64Url } from '../../shared/token';
import { uuidv7 } from '../../shared/ids';

export interface SiteSecret { kid: string; siteId: string; secret: Uint8Array }

interface SecretRow { kid: string; site_id: string; secret: string }

function fromRow(r: SecretRow): SiteSecret {
  return { kid: r.kid, siteId: r.site_id, secret: fromBase64Url(r.secret)! };
}

/** Creates a secret for every site that has none yet. */
export function ensureSiteSecrets(db: Db, siteIds: readonly string[], now: number): void {
  const has = db.prepare('SELECT 1 FROM qr_secrets WHERE site_id = ? AND retired_at IS NULL');
  const add = db.prepare('INSERT INTO qr_secrets (kid, site_id, secret, created_at) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const id of siteIds) if (!has.get(id)) add.run(`s.${uuidv7(now)}`, id, toBase64Url(randomBytes(32)), now);
  })();
}

/** The secret a site signs with now. */
export function activeSecret(db: Db, siteId: string): SiteSecret | null {
  const r = db.prepare('SELECT kid, site_id, secret FROM qr_secrets WHERE site_id = ? AND retired_at IS NULL').get(siteId) as SecretRow | undefined;
  return r ? fromRow(r) : null;
}

/** An unretired secret by key id. */
export function secretByKid(db: Db, kid: string): SiteSecret | null {
  const r = db.prepare('SELECT kid, site_id, secret FROM qr_secrets WHERE kid = ? AND retired_at IS NULL').get(kid) as SecretRow | undefined;
  return r ? fromRow(r) : null;
}

/** Retires a site's secret and makes a new one: every poster, case code and presence key made before stops working. */
export function rotateSiteSecret(db: Db, siteId: string, now: number): SiteSecret {
  db.transaction(() => {
    db.prepare('UPDATE qr_secrets SET retired_at = ? WHERE site_id = ? AND retired_at IS NULL').run(now, siteId);
    ensureSiteSecrets(db, [siteId], now);
  })();
  return activeSecret(db, siteId)!;
}
