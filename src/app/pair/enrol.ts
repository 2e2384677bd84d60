/** Redeems a pairing code at the endpoint and keeps the device token in IndexedDB. */
import * as v from 'valibot';
import type { KioskDatabase } from '../../device/store/db';
import { setEnrolment, type Enrolment } from '../../device/store/meta';
import { EnrolResponseSchema } from '../../shared/wire';
import { ApiErrorSchema } from '../../shared/api';

export type PairResult =
  | { kind: 'paired'; enrolment: Enrolment }
  | { kind: 'refused'; status: number; error: string; message: string }
  | { kind: 'offline'; message: string };

/** Also written by a Move (`LAST_WINDOW_KEY` in src/device/move.ts, which the kiosk loads only when it is moved). */
const LAST_WINDOW = 'fk:lastWindow';

/** The window this tablet was last paired with, if any. */
export function lastWindow(): string | null {
  return localStorage.getItem(LAST_WINDOW);
}

export async function pairWithCode(db: KioskDatabase, code: string, windowId: string | null): Promise<PairResult> {
  let res: Response;
  try {
    res = await fetch('/api/v1/enrol', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, ...(windowId ? { windowId } : {}) }),
    });
  } catch (e) {
    return { kind: 'offline', message: String((e as Error).message) };
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = v.safeParse(ApiErrorSchema, body);
    return { kind: 'refused', status: res.status, error: err.success ? err.output.error : `http_${res.status}`, message: err.success ? err.output.message : `HTTP ${res.status}` };
  }
  const parsed = v.safeParse(EnrolResponseSchema, body);
  if (!parsed.success) return { kind: 'refused', status: res.status, error: 'bad_answer', message: 'unexpected answer from the endpoint' };
  const enrolment: Enrolment = { ...parsed.output };
  await setEnrolment(db, enrolment);
  localStorage.setItem(LAST_WINDOW, enrolment.windowId);
  return { kind: 'paired', enrolment };
}
