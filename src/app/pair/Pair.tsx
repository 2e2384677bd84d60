import { useEffect, useRef, useState } from 'preact/hooks';
import type { KioskDatabase } from '../../device/store/db';
import { useTexts } from '../i18n/lang';
import { displayText } from '../i18n/display';
import { fill } from '../i18n/use';
import { LangToggle } from '../common/LangToggle';
import { pairWithCode } from './enrol';
import { startScan, canScan } from './scan';
import { InsecureNotice } from '../common/InsecureNotice';

const CODE_RE = /^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/;

/** The pairing form: the 8-character code from /admin, typed or scanned from its QR code. */
export function Pair({ db, initialCode, windowId, enrolledWindow }: { db: KioskDatabase; initialCode: string; windowId: string | null; enrolledWindow: string | null }) {
  const t = useTexts(displayText);
  const [code, setCode] = useState(initialCode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  const submit = async (typed: string) => {
    // As read out or printed, a code may carry spaces ("ABCD EFGH"): they are not part of it.
    const value = typed.replace(/\s+/g, '');
    if (!CODE_RE.test(value)) {
      setError(t.pairCodeInvalid);
      return;
    }
    setBusy(true);
    setError(null);
    const r = await pairWithCode(db, value, windowId);
    setBusy(false);
    if (r.kind === 'paired') location.replace(`/kiosk/${encodeURIComponent(r.enrolment.windowId)}`);
    else if (r.kind === 'offline') setError(t.pairOffline);
    else setError(fill(t.pairRefused, { error: r.error, message: r.message }));
  };

  useEffect(() => { if (initialCode) void submit(initialCode); }, []);

  useEffect(() => {
    if (!scanning || !video.current) return;
    return startScan(video.current, (found) => {
      setScanning(false);
      setCode(found);
      void submit(found);
    }, (f) => { setScanning(false); setError(f.kind === 'unsupported' ? t.scanUnsupported : fill(t.cameraFailed, { message: f.message })); });
  }, [scanning]);

  return (
    <main class="pair">
      <form class="pair-card" onSubmit={(e) => { e.preventDefault(); void submit(code); }}>
        <InsecureNotice />
        <div class="pair-head"><h1>{t.pairTitle}</h1><LangToggle /></div>
        <p class="pair-hint">{t.pairHint}</p>
        <label for="pair-code">{t.pairCode}</label>
        <input id="pair-code" name="code" value={code} maxLength={9} autocomplete="off" autocapitalize="characters" spellcheck={false}
          placeholder="ABCD-EFGH" aria-describedby="pair-error" onInput={(e) => setCode((e.target as HTMLInputElement).value.toUpperCase())} />
        {error && <p id="pair-error" class="pair-error" role="alert">{error}</p>}
        <div class="pair-actions">
          <button type="submit" class="pair-btn" disabled={busy}>{busy ? t.pairing : t.pair}</button>
          {canScan() && <button type="button" class="pair-btn secondary" onClick={() => setScanning(!scanning)}>{scanning ? t.stopScan : t.scan}</button>}
        </div>
        {scanning && <video ref={video} class="pair-video" muted playsInline />}
        {enrolledWindow && <p class="pair-hint">{fill(t.alreadyPaired, { window: enrolledWindow })} <a href={`/kiosk/${encodeURIComponent(enrolledWindow)}`}>/kiosk/{enrolledWindow}</a></p>}
      </form>
    </main>
  );
}
