/**
 * A presence token signed by the endpoint, for a kiosk page without WebCrypto (plain HTTP): it cannot sign its own.
 * Never stored: a code needs the endpoint anyway, and the phone that scans it needs the same network.
 */
import * as v from 'valibot';
import type { KioskDatabase } from './store/db';
import { getEnrolment } from './store/meta';
import { PresenceTokenSchema } from '../shared/device-wire';

export type EndpointCode =
  | { kind: 'ok'; token: string; expiresAt: number }
  /** No answer (offline, endpoint down) or a server error: the kiosk can show no code now. */
  | { kind: 'offline'; message: string }
  /** Not enrolled, a refused token, another kiosk's window, or too many asks: no code, and nothing to tell citizens. */
  | { kind: 'refused'; status: number };

/** Asks the endpoint for a presence token of `windowId`, with this kiosk's device token. */
export async function presenceTokenFromEndpoint(db: KioskDatabase, windowId: string, fetchFn: typeof fetch = fetch, baseUrl = ''): Promise<EndpointCode> {
  const enrolment = await getEnrolment(db, windowId);
  if (!enrolment) return { kind: 'refused', status: 401 };
  let res: Response;
  try {
    res = await fetchFn(`${baseUrl}/api/v1/qr/presence-token?windowId=${encodeURIComponent(windowId)}`, {
      headers: { authorization: `Bearer ${enrolment.token}` }, cache: 'no-store',
    });
  } catch (e) {
    return { kind: 'offline', message: e instanceof Error ? e.message : String(e) };
  }
  if (res.status >= 500) return { kind: 'offline', message: `HTTP ${res.status}` };
  if (!res.ok) return { kind: 'refused', status: res.status };
  const body = v.parse(PresenceTokenSchema, await res.json());
  return { kind: 'ok', token: body.token, expiresAt: Date.parse(body.expiresAt) };
}
