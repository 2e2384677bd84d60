import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { when } from '../common/format';
import { AuditPageSchema, PurgeResultSchema, type AuditEntry } from '../../shared/api';
import { useTexts } from '../i18n/lang';
import { adminText } from '../i18n/admin';
import { staffText } from '../i18n/staff';
import { errorText } from '../i18n/format';
import { fill } from '../i18n/use';

const ACTIONS = ['login', 'login_failed', 'export', 'user_created', 'user_changed', 'kiosk_enrolled', 'kiosk_revoked', 'kiosk_moved', 'pairing_code_created', 'purge'];

function summary(d: Record<string, unknown>): string {
  return Object.entries(d).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('  ');
}

/** The audit log: logins, exports, user and kiosk changes, purges; newest first; exportable. */
export function Audit() {
  const t = useTexts(adminText);
  const s = useTexts(staffText);
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10));
  const [to, setTo] = useState(today);
  const [action, setAction] = useState('');
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [purged, setPurged] = useState<string | null>(null);
  const q = new URLSearchParams({ from, to, ...(action ? { action } : {}) });
  const load = async () => {
    const r = await api.get(`/api/v1/admin/audit?${q}`, AuditPageSchema);
    if (r.ok) setEntries(r.data.entries); else setError(errorText(s, r));
  };
  useEffect(() => { void load(); }, [from, to, action]);
  const purge = async () => {
    const r = await api.post('/api/v1/admin/purge', {}, PurgeResultSchema);
    if (r.ok) {
      setPurged(r.data.sites.map((x) => fill(t.purged, { site: x.siteId, phones: x.phones, contacts: x.contacts })).join('; '));
      void load();
    } else setError(errorText(s, r));
  };

  return (
    <>
      <section class="card">
        <h2>{t.auditTitle}</h2>
        <div class="filters">
          <label>{t.fromUtc}<input type="date" value={from} max={to} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
          <label>{t.toUtc}<input type="date" value={to} min={from} onChange={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
          <label>{t.action}
            <select value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value)}>
              <option value="">{s.all}</option>
              {ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          </label>
          <a class="btn btn-link" href={`/api/v1/admin/audit.csv?${q}`} download>{t.exportCsv}</a>
        </div>
        {error && <p class="error" role="alert">{error}</p>}
        <table class="audit">
          <thead><tr><th>{t.time}</th><th>{t.actor}</th><th>{t.action}</th><th>{t.detail}</th><th>{t.address}</th></tr></thead>
          <tbody>
            {entries?.length === 0 && <tr><td colSpan={5} class="muted">{t.noEntries}</td></tr>}
            {entries?.map((e) => (
              <tr key={e.id} class={e.detail.personalData === true ? 'personal' : ''}>
                <td class="nowrap">{when(e.at)}</td><td>{e.actor}</td><td><code>{e.action}</code></td><td class="detail">{summary(e.detail)}</td><td>{e.address ?? '—'}</td>
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
