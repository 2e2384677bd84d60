/**
 * The presence QR code on a kiosk page without WebCrypto (plain HTTP): the endpoint signs the token the kiosk
 * would have signed. Loaded by PresenceQr only on such a page, so a secure kiosk's start does not carry it.
 */
import { sharedDb } from '../../device/store/connection';
import { presenceTokenFromEndpoint } from '../../device/presence-token';
import { inBackground } from '../../device/tasks';
import { watchEnrolment } from '../../device/store/meta';
import { PRESENCE_ROTATE_SECONDS } from '../../shared/token';
import type { Lang } from '../i18n/dict';
import { presenceText } from '../i18n/presence';

/** The last code the endpoint signed for this page, reused by the next mount (after every citizen) within its minute. */
let lastIssued: { windowId: string; token: string; at: number } | null = null;

/**
 * Codes signed by the endpoint, a new one every minute while online; `none(note)` when there is no code, with the
 * line for staff when it is the network (a refused kiosk shows no code and no line). Returns the stop function.
 */
export function signedByEndpoint(windowId: string, lang: Lang, show: (token: string) => void, none: (note: string | null) => void): () => void {
  const db = sharedDb();
  let stopped = false;
  const fetchCode = async (force: boolean): Promise<void> => {
    if (!force && lastIssued?.windowId === windowId && Date.now() - lastIssued.at < PRESENCE_ROTATE_SECONDS * 1000) return show(lastIssued.token);
    if (!navigator.onLine) return stopped ? undefined : none(offlineNote());
    const r = await presenceTokenFromEndpoint(await db, windowId);
    if (stopped) return;
    if (r.kind === 'ok') {
      lastIssued = { windowId, token: r.token, at: Date.now() };
      show(r.token);
    } else {
      none(r.kind === 'offline' ? offlineNote() : null);
    }
  };
  const offlineNote = (): string => presenceText(lang).noCode;
  const offline = (): void => none(offlineNote());
  const online = (): void => void inBackground(db, 'presence code', () => fetchCode(true));
  void inBackground(db, 'presence code', () => fetchCode(false));
  const rotate = setInterval(online, PRESENCE_ROTATE_SECONDS * 1000);
  addEventListener('online', online);
  addEventListener('offline', offline);
  const unwatch = watchEnrolment((e) => { if (e.windowId === windowId) online(); });
  return () => {
    unwatch();
    stopped = true;
    clearInterval(rotate);
    removeEventListener('online', online);
    removeEventListener('offline', offline);
  };
}
