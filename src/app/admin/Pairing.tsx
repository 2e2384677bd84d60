import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { PairingSchema, type Pairing as PairingCode, type WindowList } from '../../shared/api';
import { useLang, useTexts } from '../i18n/lang';
import { adminText } from '../i18n/admin';
import { staffText } from '../i18n/staff';
import { errorText, windowName } from '../i18n/format';
import { fill } from '../i18n/use';

/** A pairing code for a new tablet, with the name it will carry in the fleet view. */
export function Pairing({ windows, onPaired }: { windows: WindowList | null; onPaired: () => void }) {
  const lang = useLang();
  const t = useTexts(adminText);
  const s = useTexts(staffText);
  const [windowId, setWindowId] = useState('');
  const [name, setName] = useState('');
  const [pairing, setPairing] = useState<PairingCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => { const id = setInterval(() => setNow(Date.now()), 1000); return () => clearInterval(id); }, []);
  // Functional update: a window the admin already picked is never overwritten by the default.
  useEffect(() => { const first = windows?.windows[0]?.id; if (first) setWindowId((cur) => cur || first); }, [windows]);
  const win = windows?.windows.find((w) => w.id === windowId);

  const newCode = async () => {
    const r = await api.post('/api/v1/admin/kiosks/pairing-codes', { windowId, ...(name.trim() ? { name: name.trim() } : {}) }, PairingSchema);
    if (r.ok) { setPairing(r.data); setError(null); onPaired(); } else setError(errorText(s, r));
  };
  const left = pairing ? Math.max(0, Math.round((pairing.expiresAt - now) / 1000)) : 0;
  const paired = windows?.windows.find((w) => w.id === pairing?.windowId);

  return (
    <section class="card">
      <h2>{t.pairTitle}</h2>
      <div class="filters">
        <label>{s.window}
          <select value={windowId} onChange={(e) => setWindowId((e.target as HTMLSelectElement).value)}>
            {windows?.windows.map((w) => <option key={w.id} value={w.id}>{windowName(w, lang)}</option>)}
          </select>
        </label>
        <label>{t.kioskName}
          <input value={name} maxLength={64} placeholder={win ? windowName(win, lang) : t.kioskNameHint} title={t.kioskNameHint}
            onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </label>
        <button type="button" class="btn" onClick={() => void newCode()} disabled={!windowId}>{t.createCode}</button>
      </div>
      {pairing && (
        <div class="pairing">
          <img class="qr" alt={fill(t.pairingQrAlt, { code: pairing.code })} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(pairing.qrSvg)}`} />
          <div>
            <p class="muted">{fill(t.pairingWindow, { window: paired ? windowName(paired, lang) : pairing.windowId })}</p>
            <p class="code" data-testid="pairing-code">{pairing.code}</p>
            <p class={left === 0 ? 'error' : 'muted'}>{left === 0 ? t.pairingExpired : fill(t.pairingLeft, { m: Math.floor(left / 60), ss: String(left % 60).padStart(2, '0') })}</p>
            <p class="muted">{t.pairingHow}</p>
          </div>
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
