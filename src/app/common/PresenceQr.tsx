/**
 * The kiosk idle screen's phone-survey QR code: a presence token signed on the kiosk with its own key,
 * a new one every minute, each valid ten minutes; keeps working offline once the key was fetched.
 */
import { useEffect, useState } from 'preact/hooks';
import { generate } from 'lean-qr/nano';
import { openKioskDb, type KioskDatabase } from '../../device/store/db';
import { getEnrolment } from '../../device/store/meta';
import { fromBase64Url, mintPresenceToken, surveyUrl, PRESENCE_ROTATE_SECONDS } from '../../shared/token';
import type { Lang } from '../i18n/dict';
import { dict } from '../i18n/use';

interface StoredKey { kid: string; key: string; windowId: string }

const KEY_REFRESH_MS = 3_600_000;

/** The kiosk's presence key: fetched with its device token, kept in IndexedDB for offline use. */
async function presenceKey(db: KioskDatabase, windowId: string): Promise<StoredKey | null> {
  const cacheKey = `presenceKey:${windowId}`;
  const enrolment = await getEnrolment(db, windowId);
  if (enrolment) {
    try {
      const res = await fetch('/api/v1/qr/presence-key', { headers: { authorization: `Bearer ${enrolment.token}` }, cache: 'no-store' });
      if (res.ok) {
        const key = (await res.json()) as StoredKey;
        await db.put('meta', key, cacheKey);
        return key;
      }
      if (res.status === 401) await db.delete('meta', cacheKey); // a revoked kiosk's codes would be refused anyway
    } catch {
      // Offline: the cached key below still signs.
    }
  }
  return ((await db.get('meta', cacheKey)) as StoredKey | undefined) ?? null;
}

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

export function PresenceQr({ lang, windowId = decodeURIComponent(location.pathname.split('/')[2] ?? '') }: { lang: Lang; windowId?: string }) {
  const t = dict(lang);
  const [qr, setQr] = useState<{ size: number; path: string } | null>(null);

  useEffect(() => {
    let stopped = false;
    let key: StoredKey | null = null;
    let db: KioskDatabase | null = null;
    const draw = async (): Promise<void> => {
      if (!key || stopped) return;
      const token = await mintPresenceToken({ kid: key.kid, key: fromBase64Url(key.key)! }, windowId, Date.now());
      const code = generate(surveyUrl(location.origin, windowId, token));
      if (!stopped) setQr({ size: code.size + 8, path: modulesPath(code) });
    };
    const loadKey = async (): Promise<void> => {
      db ??= await openKioskDb();
      key = await presenceKey(db, windowId);
      await draw();
    };
    void loadKey();
    const rotate = setInterval(() => void draw(), PRESENCE_ROTATE_SECONDS * 1000);
    const refresh = setInterval(() => void loadKey(), KEY_REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(rotate);
      clearInterval(refresh);
      db?.close();
    };
  }, [windowId]);

  if (!qr) return null;
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
