/**
 * The kiosk idle screen's phone-survey QR code: a presence token signed on the kiosk with its own key,
 * a new one every minute, each valid ten minutes; keeps working offline once the key was fetched.
 * Without WebCrypto (plain HTTP) the endpoint signs the same token while the kiosk is online (presence-fallback.ts);
 * offline there is no code, and a line tells staff why.
 */
import { useEffect, useState } from 'preact/hooks';
import { generate } from 'lean-qr/nano';
import { sharedDb } from '../../device/store/connection';
import { loadPresenceKey } from '../../device/presence-key';
import { inBackground } from '../../device/tasks';
import { watchEnrolment } from '../../device/store/meta';
import type { PresenceKey } from '../../shared/device-wire';
import { fromBase64Url, mintPresenceToken, surveyUrl, PRESENCE_ROTATE_SECONDS } from '../../shared/token';
import type { Lang } from '../i18n/dict';
import { citizenDict } from '../i18n/citizen';

const KEY_REFRESH_MS = 3_600_000;

/** The key this page loaded last: the idle screen mounts after every citizen and need not ask the endpoint each time. */
let memo: { windowId: string; key: PresenceKey | null; at: number } | null = null;

async function currentKey(windowId: string, force: boolean): Promise<PresenceKey | null> {
  if (!force && memo?.windowId === windowId && memo.key && Date.now() - memo.at < KEY_REFRESH_MS) return memo.key;
  const key = await loadPresenceKey(await sharedDb(), windowId);
  memo = { windowId, key, at: Date.now() };
  return key;
}

/** Whether this page can sign codes itself: WebCrypto exists only in a secure context. */
const canSign = (): boolean => globalThis.crypto?.subtle !== undefined;

/** One SVG path of the dark modules, one rectangle per horizontal run, inside a four-module quiet zone. */
export function modulesPath(code: { size: number; get(x: number, y: number): boolean }): string {
  let d = '';
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) {
      if (!code.get(x, y)) continue;
      let w = 1;
      while (code.get(x + w, y)) w++;
      d += `M${x + 4} ${y + 4}h${w}v1h-${w}z`;
      x += w;
    }
  }
  return d;
}

/** The endpoint-signed fallback, loaded by the caller's chunk (the kiosk's, which already lists the shared chunks it needs). */
export type LoadFallback = () => Promise<typeof import('./presence-fallback')>;

/** `staffId`: who is signed in at the kiosk (null: nobody); each code carries it, so a phone rating goes to them. */
export function PresenceQr({ lang, loadFallback, staffId, windowId = decodeURIComponent(location.pathname.split('/')[2] ?? '') }: { lang: Lang; loadFallback: LoadFallback; staffId: string | null; windowId?: string }) {
  const t = citizenDict(lang);
  const [qr, setQr] = useState<{ size: number; path: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    const show = (token: string): void => {
      const code = generate(surveyUrl(location.origin, windowId, token));
      setQr({ size: code.size + 8, path: modulesPath(code) });
    };
    if (canSign()) return signedHere(windowId, staffId, show, () => setQr(null));
    // Plain HTTP: the endpoint signs; that code loads only on such a page, never at a secure kiosk's start.
    let stopped = false;
    let stop: (() => void) | undefined;
    void inBackground(sharedDb(), 'presence code', async () => {
      const m = await loadFallback();
      if (!stopped) stop = m.signedByEndpoint(windowId, lang, show, (text) => { setQr(null); setNote(text); });
    });
    return () => { stopped = true; stop?.(); };
  }, [windowId, lang, staffId]);

  if (!qr) return note ? <p class="presence-qr-none" role="note" style="font-size:small">{note}</p> : null;
  return (
    <figure class="presence-qr" style="display:flex;align-items:center;gap:12px;margin:0">
      <svg viewBox={`0 0 ${qr.size} ${qr.size}`} width={qr.size * 3} height={qr.size * 3} role="img" aria-label={t.qrScanDetail} shape-rendering="crispEdges">
        <rect width={qr.size} height={qr.size} fill="#fff" />
        <path d={qr.path} fill="#000" />
      </svg>
      <figcaption style="max-width:9em;font-size:calc(18px * var(--k, 1))"><strong>{t.qrScanHint}</strong><br />{t.qrScanDetail}</figcaption>
    </figure>
  );
}

/** Codes signed on the kiosk with its presence key, offline too; returns the stop function. */
function signedHere(windowId: string, staffId: string | null, show: (token: string) => void, none: () => void): () => void {
  // The page's shared connection: never closed here, so a key load still running after unmount is safe.
  const db = sharedDb();
  let stopped = false;
  let key: PresenceKey | null = null;
  const draw = async (): Promise<void> => {
    if (!key || stopped) return;
    const token = await mintPresenceToken({ kid: key.kid, key: fromBase64Url(key.key)! }, windowId, Date.now(), staffId);
    if (!stopped) show(token);
  };
  const loadKey = async (force: boolean): Promise<void> => {
    key = await currentKey(windowId, force);
    if (!key && !stopped) none(); // a refused kiosk shows no code its phones could not use
    await draw();
  };
  void inBackground(db, 'presence key', () => loadKey(false));
  const rotate = setInterval(() => inBackground(db, 'presence code', draw), PRESENCE_ROTATE_SECONDS * 1000);
  const refresh = setInterval(() => inBackground(db, 'presence key', () => loadKey(true)), KEY_REFRESH_MS);
  // A kiosk enrolled after its first render (or paired again) gets its key now, not an hour later.
  const unwatch = watchEnrolment((e) => { if (e.windowId === windowId) void inBackground(db, 'presence key', () => loadKey(true)); });
  return () => {
    unwatch();
    stopped = true;
    clearInterval(rotate);
    clearInterval(refresh);
  };
}
