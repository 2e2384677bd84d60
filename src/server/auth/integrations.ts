/**
 * Integration keys: the credential of a queue or receipt system that prints case codes (一事一评) for the windows
 * of one hall. Made by an admin, shown once, stored only as a SHA-256, revocable; every change is audited by the route.
 */
import type { Areas, IntegrationKeyRow } from '../store';
import { newToken, tokenHash } from './secrets';

/** Every key starts so, which tells it from a kiosk's device token in the same `Authorization: Bearer` header. */
export const INTEGRATION_KEY_PREFIX = 'ik_';

export interface IntegrationKey { id: number; siteId: string; label: string; createdBy: string; createdAt: number; revokedAt: number | null }

type Keys = Pick<Areas, 'integrationKeys'>;

const toKey = (r: IntegrationKeyRow): IntegrationKey => ({
  id: Number(r.id), siteId: r.site_id, label: r.label, createdBy: r.created_by, createdAt: Number(r.created_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

/** True when a bearer token has the shape of an integration key (not proof that it is one). */
export function looksLikeIntegrationKey(token: string): boolean {
  return token.startsWith(INTEGRATION_KEY_PREFIX);
}

/** Creates a key for one hall; the clear text is returned once and never stored. */
export async function createIntegrationKey(store: Keys, siteId: string, label: string, by: string, at: number): Promise<{ key: string; id: number }> {
  const key = `${INTEGRATION_KEY_PREFIX}${newToken()}`;
  const id = await store.integrationKeys.create({ keyHash: tokenHash(key), siteId, label, by, at });
  return { key, id: Number(id) };
}

export async function listIntegrationKeys(store: Keys): Promise<IntegrationKey[]> {
  return (await store.integrationKeys.list()).map(toKey);
}

/** True when the key was revoked now (false: unknown or already revoked). */
export function revokeIntegrationKey(store: Keys, id: number, at: number): Promise<boolean> {
  return store.integrationKeys.revoke(id, at);
}

/** The live key this clear text is, or null. */
export async function integrationKeyOf(store: Keys, key: string): Promise<IntegrationKey | null> {
  if (!looksLikeIntegrationKey(key) || key.length > 200) return null;
  const row = await store.integrationKeys.byHash(tokenHash(key));
  return row ? toKey(row) : null;
}
