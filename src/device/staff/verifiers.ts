/** PIN verifiers for the window's site: fetched with the device token, kept in IndexedDB for offline sign-in. */
import * as v from 'valibot';
import type { KioskDatabase } from '../store/db';
import { answerOf, networkFirst } from '../cached';
import { getEnrolment } from '../store/meta';
import { PinVerifiersSchema, type PinVerifier } from '../../shared/staff-wire';

/** The freshest verifiers: from the endpoint when reachable, else the stored ones, else null (a refused token drops them). */
export async function loadVerifiers(db: KioskDatabase, windowId: string, token: string | null, fetchFn: typeof fetch = fetch, baseUrl = ''): Promise<PinVerifier[] | null> {
  // A kiosk that enrolled itself (open enrolment) is given no verifiers: its staff sign in online only.
  if ((await getEnrolment(db, windowId))?.paired === false) return null;
  const r = await networkFirst<PinVerifier[]>(db, `staff-pins:${windowId}`, async () => {
    if (!token) return { kind: 'unreachable', message: 'not enrolled yet' };
    const res = await fetchFn(`${baseUrl}/api/v1/staff/verifiers`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
    // A refusal (an open-enrolment kiosk gets none: 403) is read to its end, so the request completes.
    if (!res.ok) await res.text();
    return answerOf(res, (body) => v.parse(PinVerifiersSchema, body).verifiers);
  });
  return r.kind === 'ok' ? r.value : null;
}
