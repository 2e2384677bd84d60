import { useEffect, useState } from 'preact/hooks';
import type { KioskStatus } from '../../../device/status';
import { formatRate, RATE_LABELS } from '../../../shared/metrics';
import type { Lang } from '../../i18n/dict';
import { fill, pick } from '../../i18n/use';
import { refusalWords, staffDict } from '../../i18n/staff-corner';
import type { DeadLetter } from '../../../device/store/db';
import { useHeadingFocus } from '../survey/useHeadingFocus';
import type { StaffView } from '../chrome/Header';
import { InsecureNotice } from '../../common/InsecureNotice';

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function when(ms: number | null, lang: Lang, never: string): string {
  return ms === null ? never : new Date(ms).toLocaleString(lang, { hour12: false });
}

/** What staff need to see of the kiosk: who is on duty, sync state, storage, version, today's figures. */
export function StaffCorner({ lang, staff, version, loadStatus, syncNow, onSignOut, onClose }: {
  lang: Lang;
  staff: StaffView | null;
  version: string;
  loadStatus: () => Promise<KioskStatus>;
  syncNow: () => Promise<unknown>;
  onSignOut: () => void;
  onClose: () => void;
}) {
  const t = staffDict(lang);
  const heading = useHeadingFocus();
  const [status, setStatus] = useState<KioskStatus | null>(null);
  const [syncing, setSyncing] = useState(false);

  const refresh = (): void => { void loadStatus().then(setStatus); };
  useEffect(refresh, []);

  const sync = async (): Promise<void> => {
    setSyncing(true);
    await syncNow();
    setSyncing(false);
    refresh();
  };

  const today = status?.today;
  return (
    <section class="step staff-corner" aria-labelledby="corner-h">
      <h1 id="corner-h" ref={heading} tabIndex={-1}>{t.staffCorner}</h1>
      <InsecureNotice langs={[lang]} kiosk />
      <dl class="facts">
        <div><dt>{t.signedInAs}</dt><dd data-fact="staff">{staff ? `${staff.name} · ${t.staffNo} ${staff.staffNumber}` : t.nobodySignedIn}</dd></div>
        <div><dt>{t.pendingSync}</dt><dd data-fact="pending">{status?.pending ?? '…'}</dd></div>
        <div><dt>{t.deadLetterCount}</dt><dd data-fact="dead">{status?.deadLetterCount ?? '…'}</dd></div>
        <div><dt>{t.lastSync}</dt><dd>{status ? when(status.sync.lastSuccessAt, lang, t.never) : '…'}</dd></div>
        <div><dt>{t.storageUse}</dt><dd>{status?.storage ? `${mb(status.storage.usage)} / ${mb(status.storage.quota)}` : '—'}</dd></div>
        <div><dt>{t.appVersion}</dt><dd>{version}</dd></div>
        <div class="wide">
          <dt>{t.todayOnKiosk}{today ? ` (${today.day})` : ''}</dt>
          <dd data-fact="today">{today ? `${t.ratings} ${today.total} · ${pick(RATE_LABELS.satisfaction, lang)} ${formatRate(today.satisfaction)} · ${t.suspect} ${today.suspect}` : '…'}</dd>
        </div>
      </dl>
      {status?.storageNearlyFull && <p class="field-error" role="alert">{t.storageNearlyFull}</p>}
      {status?.sync.unauthorized && <p class="field-error" role="alert">{t.tokenRefused}</p>}
      {status && status.deadLetters.length > 0 && (
        <>
          <h2>{t.deadLetters}</h2>
          <ul class="dead-letters">
            {status.deadLetters.map((d) => (
              <li key={d.id} title={d.reason}><code>{d.id.slice(0, 13)}</code> {d.type === 'response' ? t.typeResponse : t.typeSuggestion} · {refusalWords(t, d)}</li>
            ))}
          </ul>
        </>
      )}
      <div class="actions">
        {status?.sync.unauthorized && <a class="primary pair-again" href={`/kiosk?pair&window=${encodeURIComponent(location.pathname.split('/')[2] ?? '')}&lang=${lang}`}>{t.pairAgain}</a>}
        <button type="button" class="secondary" onClick={onSignOut} disabled={!staff}>{t.signOut}</button>
        <button type="button" class="secondary" onClick={() => void sync()} disabled={syncing}>{syncing ? t.syncing : t.syncNow}</button>
        <button type="button" class="primary" onClick={onClose}>{t.backToKiosk}</button>
      </div>
    </section>
  );
}
