import { useState } from 'preact/hooks';
import type { Lang } from '../../i18n/dict';
import { dict, fill } from '../../i18n/use';
import { staffDict } from '../../i18n/staff-corner';
import { useHeadingFocus } from '../survey/useHeadingFocus';
import type { SignInResult } from '../../../device/staff/pin';
import { InsecureNotice } from '../../common/InsecureNotice';

/** Staff number and PIN; the only way into the staff corner. On plain HTTP it says why a PIN cannot be checked; unpaired, it leads to pairing. */
export function PinDialog({ lang, check, onSignedIn, onCancel }: {
  lang: Lang;
  check: (staffNumber: string, pin: string) => Promise<SignInResult>;
  onSignedIn: (staffId: string) => void;
  onCancel: () => void;
}) {
  const t = { ...dict(lang), ...staffDict(lang) };
  const heading = useHeadingFocus();
  const [number, setNumber] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [unpaired, setUnpaired] = useState(false);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    // Without a secure context the browser has no WebCrypto and the check throws: say it cannot verify, never hang.
    const r = await check(number, pin).catch((): SignInResult => ({ kind: 'cannot_verify' }));
    setBusy(false);
    if (r.kind === 'ok') return onSignedIn(r.staffId);
    setPin('');
    if (r.kind === 'locked') setError(fill(t.pinLocked, { time: new Date(r.until).toLocaleTimeString(lang, { hour12: false }) }));
    else setError(r.kind === 'wrong' ? t.wrongPin : r.kind === 'unpaired' ? t.tokenRefused : t.cannotVerify);
    setUnpaired(r.kind === 'unpaired');
  };

  return (
    <section class="step staff-pin" aria-labelledby="pin-h">
      <h1 id="pin-h" ref={heading} tabIndex={-1}>{t.staffCorner}</h1>
      <InsecureNotice langs={[lang]} kiosk />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label for="staff-number">{t.staffNumber}</label>
        <input id="staff-number" inputMode="numeric" autoComplete="off" value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
        <label for="staff-pin">{t.pin}</label>
        <input id="staff-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onInput={(e) => setPin(e.currentTarget.value)} />
        {error && <p class="field-error" role="alert">{error}</p>}
        <div class="actions">
          <button type="button" class="secondary" onClick={onCancel}>{t.cancel}</button>
          {/* Unpaired, no PIN can be checked: pairing again is the one way on. */}
          {unpaired
            ? <a class="primary pair-again" href={`/kiosk?pair&window=${encodeURIComponent(location.pathname.split('/')[2] ?? '')}&lang=${lang}`}>{t.pairAgain}</a>
            : <button type="submit" class="primary" disabled={busy}>{t.takeWindow}</button>}
        </div>
      </form>
    </section>
  );
}
