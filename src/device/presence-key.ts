/** The kiosk's presence-code key: fetched with its device token, kept in IndexedDB so codes are signed offline too. */
import * as v from 'valibot';
import type { KioskDatabase } from './store/db';
import { getEnrolment } from './store/meta';
import { answerOf, networkFirst } from './cached';
import { PresenceKeySchema, type PresenceKey } from '../shared/device-wire';

/** The freshest key, the stored one offline, null when there is none (or the endpoint refused the token: its codes would be refused too). */
export async function loadPresenceKey(db: KioskDatabase, windowId: string, fetchFn: typeof fetch = fetch, baseUrl = ''): Promise<PresenceKey | null> {
  const enrolment = await getEnrolment(db, windowId);
  const r = await networkFirst<PresenceKey>(db, `presenceKey:${windowId}`, async () => {
    if (!enrolment) return { kind: 'unreachable', message: 'not enrolled yet' };
    const res = await fetchFn(`${baseUrl}/api/v1/qr/presence-key`, { headers: { authorization: `Bearer ${enrolment.token}` }, cache: 'no-store' });
    return answerOf(res, (body) => v.parse(PresenceKeySchema, body));
  });
  return r.kind === 'ok' ? r.value : null;
}
