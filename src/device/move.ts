/**
 * Following an admin's Move: the heartbeat's answer names the window the kiosk serves now. Loaded only when that
 * window differs from the page's, so the kiosk's start does not carry it.
 */
import * as v from 'valibot';
import type { SyncDeps } from './sync/engine';
import { getEnrolment, setEnrolment } from './store/meta';
import { loadWindowConfig } from './config';
import { HeartbeatAnswerSchema } from '../shared/wire';

/**
 * localStorage key of the window this tablet was last paired with or moved to: `/kiosk`, the installed app's start,
 * opens it. The pairing page (src/app/pair/enrol.ts) writes and reads the same key; importing it from there would put
 * the pairing code in the kiosk's start chunks.
 */
export const LAST_WINDOW_KEY = 'fk:lastWindow';

export type MoveResult =
  | { kind: 'stays' }
  | { kind: 'moved'; windowId: string }
  | { kind: 'ignored'; reason: 'bad_answer' | 'not_enrolled' | 'unknown_window' | 'unavailable' };

/**
 * Takes the kiosk to the window a heartbeat's answer names: that window's configuration is loaded (and kept for
 * offline starts) and the same enrolment (token, deviceId) stored under it. An answer naming a window the endpoint
 * has no configuration for changes nothing; one the network kept from us is tried again at the next heartbeat.
 * `onMoved` hears of a Move once it is stored, so the page can go to the new window.
 */
export async function followMove(
  { db, fetch: fetchFn, baseUrl }: Pick<SyncDeps, 'db' | 'fetch' | 'baseUrl'>, shownWindow: string, answer: unknown, onMoved?: (windowId: string) => void,
): Promise<MoveResult> {
  const parsed = v.safeParse(HeartbeatAnswerSchema, answer);
  if (!parsed.success) return { kind: 'ignored', reason: 'bad_answer' };
  const to = parsed.output.windowId;
  if (to === shownWindow) return { kind: 'stays' };
  const enrolment = await getEnrolment(db, shownWindow);
  if (!enrolment) return { kind: 'ignored', reason: 'not_enrolled' };
  // The page at the new window must be able to start, offline too: its configuration comes first.
  const config = await loadWindowConfig(db, to, fetchFn, baseUrl);
  if (config.kind !== 'ok') return { kind: 'ignored', reason: config.kind };
  // Ratings still queued for the old window go out with the same token: the endpoint keeps it among the kiosk's past windows.
  await setEnrolment(db, { ...enrolment, windowId: to });
  rememberWindow(shownWindow, to);
  onMoved?.(to);
  return { kind: 'moved', windowId: to };
}

/** `/kiosk` (the installed app's start) opens the window the tablet serves now, not the one it was moved from. */
function rememberWindow(from: string, to: string): void {
  // a page has localStorage; a worker or Node has none
  const storage = (globalThis as { localStorage?: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
  try {
    if (storage?.getItem(LAST_WINDOW_KEY) === from) storage.setItem(LAST_WINDOW_KEY, to);
  } catch {
    // storage refused: /kiosk opens the old window, whose next heartbeat moves the tablet again
  }
}
