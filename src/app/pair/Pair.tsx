import { useEffect, useRef, useState } from 'preact/hooks';
import type { KioskDatabase } from '../../device/store/db';
import { pairWithCode } from './enrol';
import { startScan, canScan } from './scan';
import { InsecureNotice } from '../common/InsecureNotice';

const CODE_RE = /^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/;

/** The pairing form: the 8-character code from /admin, typed or scanned from its QR code. */
export function Pair({ db, initialCode, windowId, enrolledWindow }: { db: KioskDatabase; initialCode: string; windowId: string | null; enrolledWindow: string | null }) {
  const [code, setCode] = useState(initialCode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  const submit = async (value: string) => {
    if (!CODE_RE.test(value.trim())) {
      setError('请输入 8 位配对码 · Enter the 8-character pairing code');
      return;
    }
    setBusy(true);
    setError(null);
    const r = await pairWithCode(db, value.trim(), windowId);
    setBusy(false);
    if (r.kind === 'paired') location.replace(`/kiosk/${encodeURIComponent(r.enrolment.windowId)}`);
    else if (r.kind === 'offline') setError('无法连接服务器，请检查网络后重试 · Cannot reach the server; check the network and try again');
    else setError(r.message);
  };

  useEffect(() => { if (initialCode) void submit(initialCode); }, []);

  useEffect(() => {
    if (!scanning || !video.current) return;
    return startScan(video.current, (found) => {
      setScanning(false);
      setCode(found);
      void submit(found);
    }, (message) => { setScanning(false); setError(message); });
  }, [scanning]);

  return (
    <main class="pair">
      <form class="pair-card" onSubmit={(e) => { e.preventDefault(); void submit(code); }}>
        <InsecureNotice />
        <h1>终端配对 <span>Pair this kiosk</span></h1>
        <p class="pair-hint">请输入管理员在“系统管理 → 终端”页面生成的配对码（15 分钟内有效）。<br />
          <span>Enter the pairing code an admin created under Administration → Kiosks (valid for 15 minutes).</span></p>
        <label for="pair-code">配对码 · Pairing code</label>
        <input id="pair-code" name="code" value={code} maxLength={9} autocomplete="off" autocapitalize="characters" spellcheck={false}
          placeholder="ABCD-EFGH" aria-describedby="pair-error" onInput={(e) => setCode((e.target as HTMLInputElement).value.toUpperCase())} />
        {error && <p id="pair-error" class="pair-error" role="alert">{error}</p>}
        <div class="pair-actions">
          <button type="submit" class="pair-btn" disabled={busy}>{busy ? '正在配对… · Pairing…' : '配对 · Pair'}</button>
          {canScan() && <button type="button" class="pair-btn secondary" onClick={() => setScanning(!scanning)}>{scanning ? '停止扫码 · Stop' : '扫码 · Scan QR code'}</button>}
        </div>
        {scanning && <video ref={video} class="pair-video" muted playsInline />}
        {enrolledWindow && <p class="pair-hint">本机已登记窗口 {enrolledWindow} · Already paired: <a href={`/kiosk/${encodeURIComponent(enrolledWindow)}`}>/kiosk/{enrolledWindow}</a></p>}
      </form>
    </main>
  );
}
