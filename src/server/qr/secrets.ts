/** Per-site signing secrets: created at first start, rotatable; a retired secret verifies nothing. */
import { randomBytes } from 'node:crypto';
import type { Areas, SecretRow } from '../store';
import { fromBase64Url, toBase64Url } from '../../shared/token';
import { uuidv7 } from '../../shared/ids';

export interface SiteSecret { kid: string; siteId: string; secret: Uint8Array }

type Qr = Pick<Areas, 'qr'>;

function fromRow(r: SecretRow): SiteSecret {
  return { kid: r.kid, siteId: r.site_id, secret: fromBase64Url(r.secret)! };
}

const fresh = (now: number) => () => ({ kid: `s.${uuidv7(now)}`, secret: toBase64Url(randomBytes(32)) });

/** Creates a secret for every site that has none yet. */
export function ensureSiteSecrets(store: Qr, siteIds: readonly string[], now: number): Promise<void> {
  return store.qr.ensureSecrets(siteIds, fresh(now), now);
}

/** The secret a site signs with now. */
export async function activeSecret(store: Qr, siteId: string): Promise<SiteSecret | null> {
  const r = await store.qr.activeSecret(siteId);
  return r ? fromRow(r) : null;
}

/** An unretired secret by key id. */
export async function secretByKid(store: Qr, kid: string): Promise<SiteSecret | null> {
  const r = await store.qr.secretByKid(kid);
  return r ? fromRow(r) : null;
}

/** Retires a site's secret and makes a new one: every poster, case code and presence key made before stops working. */
export async function rotateSiteSecret(store: Qr, siteId: string, now: number): Promise<SiteSecret> {
  await store.qr.rotate(siteId, fresh(now)(), now);
  return (await activeSecret(store, siteId))!;
}
