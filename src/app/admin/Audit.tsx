import { useEffect, useState } from 'preact/hooks';
import { send, when } from './http';

interface Entry { id: number; at: number; actor: string; action: string; detail: Record<string, unknown>; address: string | null }

const ACTIONS = ['login', 'login_failed', 'export', 'user_created', 'user_changed', 'kiosk_enrolled', 'kiosk_revoked', 'kiosk_moved', 'pairing_code_created', 'purge'];

function summary(d: Record<string, unknown>): string {
  return Object.entries(d).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('  ');
}

/** The audit log: logins, exports, user and kiosk changes, purges; newest first; exportable. */
export function Audit({ csrf }: { csrf: string }) {
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10));
  const [to, setTo] = useState(today);
  const [action, setAction] = useState('');
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [purged, setPurged] = useState<string | null>(null);
  const q = new URLSearchParams({ from, to, ...(action ? { action } : {}) });
  const load = async () => {
    const r = await send<{ entries: Entry[] }>(csrf, 'GET', `/api/v1/admin/audit?${q}`);
    if (r.ok) setEntries(r.data.entries); else setError(r.message);
  };
  useEffect(() => { void load(); }, [from, to, action]);
  const purge = async () => {
    const r = await send<{ sites: { siteId: string; phones: number; contacts: number }[] }>(csrf, 'POST', '/api/v1/admin/purge', {});
    if (r.ok) {
      setPurged(r.data.sites.map((s) => `${s.siteId}: ${s.phones} 个手机号 phones, ${s.contacts} 条联系方式 contacts`).join('; '));
      void load();
    } else setError(r.message);
  };

  return (
    <>
      <section class="card">
        <h2>审计日志 · Audit log</h2>
        <div class="filters">
          <label>开始日期 From (UTC)<input type="date" value={from} max={to} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
          <label>结束日期 To (UTC)<input type="date" value={to} min={from} onChange={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
          <label>操作 Action
            <select value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value)}>
              <option value="">全部 All</option>
              {ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          </label>
          <a class="btn btn-link" href={`/api/v1/admin/audit.csv?${q}`} download>导出 CSV · Export CSV</a>
        </div>
        {error && <p class="error" role="alert">{error}</p>}
        <table class="audit">
          <thead><tr><th>时间 Time</th><th>操作者 Actor</th><th>操作 Action</th><th>详情 Detail</th><th>地址 Address</th></tr></thead>
          <tbody>
            {entries?.length === 0 && <tr><td colSpan={5} class="muted">无记录 · No entries</td></tr>}
            {entries?.map((e) => (
              <tr key={e.id} class={e.detail.personalData === true ? 'personal' : ''}>
                <td class="nowrap">{when(e.at)}</td><td>{e.actor}</td><td><code>{e.action}</code></td><td class="detail">{summary(e.detail)}</td><td>{e.address ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>个人信息保留期限 · Personal data retention</h2>
        <p class="muted">超过各大厅 retentionDays（默认 180 天）的手机号与联系方式每日自动清除，评价与留言保留。 Phone numbers and contacts older than each site's retentionDays (default 180) are erased daily; ratings and comments stay.</p>
        <button type="button" class="btn" onClick={() => void purge()}>立即清除过期个人信息 · Purge now</button>
        {purged && <p class="ok" role="status">{purged}</p>}
      </section>
    </>
  );
}
