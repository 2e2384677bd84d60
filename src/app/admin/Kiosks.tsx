import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { when, bytes, offset } from '../common/format';
import { FleetSchema, OkSchema, type FleetRow, type WindowList } from '../../shared/api';
import { useLang, useTexts } from '../i18n/lang';
import { adminText } from '../i18n/admin';
import { staffText } from '../i18n/staff';
import { errorText, windowName } from '../i18n/format';
import { fill } from '../i18n/use';
import { refusalWords, staffDict } from '../i18n/staff-corner';
import { Pairing } from './Pairing';

/** Pairing codes for new tablets, and the fleet: every kiosk's health, stale ones on top. */
export function Kiosks({ windows }: { windows: WindowList | null }) {
  const lang = useLang();
  const t = useTexts(adminText);
  const s = useTexts(staffText);
  const [rows, setRows] = useState<FleetRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    const r = await api.get('/api/v1/admin/kiosks', FleetSchema);
    if (r.ok) { setRows(r.data.kiosks); setError(null); } else setError(errorText(s, r));
  };
  useEffect(() => { void load(); }, []);

  /** The name given at pairing, else the window's number and name. */
  const nameOf = (k: FleetRow) => {
    if (k.name) return k.name;
    const w = windows?.windows.find((x) => x.id === k.windowId);
    return w ? windowName(w, lang) : k.windowNumber;
  };
  const write = async (url: string, body: unknown) => {
    const r = await api.post(url, body, OkSchema);
    if (r.ok) { setError(null); void load(); } else setError(errorText(s, r));
  };
  const revoke = (k: FleetRow) => {
    if (confirm(fill(t.revokeConfirm, { name: nameOf(k) }))) void write(`/api/v1/admin/kiosks/${encodeURIComponent(k.id)}/revoke`, {});
  };
  /** Moves a tablet once the admin confirms (a slip of the list would move it at once); otherwise the list shows its window again. */
  const move = (k: FleetRow, to: string, select: HTMLSelectElement) => {
    const number = windows?.windows.find((w) => w.id === to)?.number ?? to;
    if (confirm(fill(t.moveConfirm, { name: nameOf(k), number }))) void write(`/api/v1/admin/kiosks/${encodeURIComponent(k.id)}/move`, { windowId: to });
    else select.value = k.windowId;
  };

  return (
    <>
      <Pairing windows={windows} onPaired={() => setError(null)} />
      <section class="card">
        <div class="card-head">
          <h2>{t.fleetTitle}</h2>
          <button type="button" class="btn-plain" onClick={() => void load()}>{s.refresh}</button>
        </div>
        <p class="muted">{t.fleetNote}</p>
        {error && <p class="error" role="alert">{error}</p>}
        <table class="fleet">
          <thead><tr>
            <th>{s.state}</th><th>{t.kiosk}</th><th>{t.device}</th><th>{t.lastSeen}</th><th>{t.version}</th><th>{t.pending}</th><th>{t.deadLetters}</th>
            <th>{t.storage}</th><th>{t.clock}</th><th>{s.actions}</th>
          </tr></thead>
          <tbody>
            {rows?.length === 0 && <tr><td colSpan={10} class="muted">{t.noKiosks}</td></tr>}
            {rows?.map((k) => (
              <tr key={k.id} class={`state-${k.state}`}>
                <td>
                  <span class={`pill pill-${k.state}`}>{t[`state_${k.state}`]}</span>
                  {k.secureContext === false && k.state !== 'revoked' && <span class="pill pill-stale" data-testid="not-https" title={t.notHttpsTitle}>{t.notHttps}</span>}
                  {k.lastSaveError && k.state !== 'revoked' && <span class="pill pill-stale" data-testid="save-failed" title={fill(t.saveFailedTitle, { error: k.lastSaveError })}>{t.saveFailed}</span>}
                </td>
                <td class="kiosk-name">{nameOf(k)} <span class="muted small">{k.id.slice(-6)}</span></td>
                <td class="small">{[k.model, k.browser].filter(Boolean).join(' · ') || '—'}</td>
                <td class="nowrap">{when(k.lastSeenAt)}</td>
                <td>{k.appVersion ?? '—'}</td>
                <td>{k.pending ?? '—'}</td>
                <td class={k.deadLetters ? 'warn' : ''}>
                  {k.deadLetters ?? '—'}{k.seqUnexplained ? <span class="warn small" title={t.seqGap}>{fill(t.seqMissing, { n: k.seqUnexplained })}</span> : null}
                  {k.refusals.length > 0 && (
                    <details class="refusals">
                      <summary>{t.refusalsWhy}</summary>
                      <p class="muted small">{fill(t.refusalsNote, { n: k.refusals.reduce((a, r) => a + r.n, 0) })}</p>
                      <ul>{k.refusals.map((r) => <li key={`${r.code}/${r.field}/${r.reason}`} title={r.reason}>{refusalWords(staffDict(lang), r)} × {r.n}</li>)}</ul>
                    </details>
                  )}
                </td>
                <td>{bytes(k.storageUsage)}{k.storageQuota ? ` / ${bytes(k.storageQuota)}` : ''}</td>
                <td>{offset(k.clockOffsetMs)}</td>
                <td><div class="actions">
                  {k.state !== 'revoked' && (
                    <>
                      <select aria-label={fill(t.moveKiosk, { name: nameOf(k) })} value={k.windowId} onChange={(e) => move(k, (e.target as HTMLSelectElement).value, e.target as HTMLSelectElement)}>
                        {windows?.windows.filter((w) => w.siteId === k.siteId).map((w) => <option key={w.id} value={w.id}>{fill(w.id === k.windowId ? t.currentWindow : t.moveTo, { number: w.number })}</option>)}
                      </select>
                      <button type="button" class="btn-danger" onClick={() => revoke(k)}>{t.revoke}</button>
                    </>
                  )}
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
