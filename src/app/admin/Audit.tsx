import { useEffect, useState } from 'preact/hooks';
import { useLatest } from '../common/latest';
import { api } from '../common/api';
import { when } from '../common/format';
import { AuditPageSchema, PurgeResultSchema, type AuditEntry } from '../../shared/api';
import { useTexts } from '../i18n/lang';
import { adminText } from '../i18n/admin';
import { staffText } from '../i18n/staff';
import { errorText } from '../i18n/format';
import { fill } from '../i18n/use';
import { AUDIT_ACTION_GROUPS, actionName, groupName } from './audit-actions';

/** YYYY-MM-DD of an instant in the browser's zone, the zone `when` shows times in. */
function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function summary(d: Record<string, unknown>): string {
  return Object.entries(d).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('  ');
}

/** The audit log: every audited action, filtered by day in the browser's zone and by action; newest first; exportable. */
export function Audit() {
  const t = useTexts(adminText);
  const s = useTexts(staffText);
  // Days are the browser's, like the times in the table; the endpoint counts them in the zone it is sent.
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [from, setFrom] = useState(localDay(Date.now() - 29 * 86_400_000));
  const [to, setTo] = useState(localDay(Date.now()));
  const [action, setAction] = useState('');
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [purged, setPurged] = useState<string | null>(null);
  const q = new URLSearchParams({ from, to, tz, ...(action ? { action } : {}) });
  /** The answer to a query the filters have since replaced is dropped. */
  const latest = useLatest();
  const load = async () => {
    const current = latest();
    const r = await api.get(`/api/v1/admin/audit?${q}`, AuditPageSchema);
    if (!current()) return;
    if (r.ok) { setEntries(r.data.entries); setError(null); } else setError(errorText(s, r));
  };
  useEffect(() => { void load(); }, [from, to, action]);
  const purge = async () => {
    const r = await api.post('/api/v1/admin/purge', {}, PurgeResultSchema);
    if (r.ok) {
      setPurged(r.data.sites.map((x) => fill(t.purged, { site: x.siteId, phones: x.phones, contacts: x.contacts, texts: x.texts })).join('; '));
      void load();
    } else setError(errorText(s, r));
  };

  return (
    <>
      <section class="card">
        <h2>{t.auditTitle}</h2>
        <div class="filters">
          <label>{t.fromDay}<input type="date" value={from} max={to} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
          <label>{t.toDay}<input type="date" value={to} min={from} onChange={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
          <label>{t.action}
            <select value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value)}>
              <option value="">{s.all}</option>
              {AUDIT_ACTION_GROUPS.map((g) => (
                <optgroup key={g.group} label={groupName(t, g.group)}>
                  {g.actions.map((a) => <option key={a} value={a}>{actionName(t, a)}</option>)}
                </optgroup>
              ))}
            </select>
          </label>
          <a class="btn btn-link" href={`/api/v1/admin/audit.csv?${q}`} download>{t.exportCsv}</a>
        </div>
        <p class="muted small">{fill(t.zoneNote, { tz })}</p>
        {error && <p class="error" role="alert">{error}</p>}
        <table class="audit">
          <thead><tr><th>{t.time}</th><th>{t.actor}</th><th>{t.action}</th><th>{t.detail}</th><th>{t.address}</th></tr></thead>
          <tbody>
            {entries?.length === 0 && <tr><td colSpan={5} class="muted">{t.noEntries}</td></tr>}
            {entries?.map((e) => (
              <tr key={e.id} class={e.detail.personalData === true ? 'personal' : ''}>
                <td class="nowrap">{when(e.at)}</td><td>{e.actor}</td><td title={e.action}>{actionName(t, e.action)}<br /><code class="small muted">{e.action}</code></td><td class="detail">{summary(e.detail)}</td><td>{e.address ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>{t.retentionTitle}</h2>
        <p class="muted">{t.retentionNote}</p>
        <button type="button" class="btn" onClick={() => void purge()}>{t.purgeNow}</button>
        {purged && <p class="ok" role="status">{purged}</p>}
      </section>
    </>
  );
}
