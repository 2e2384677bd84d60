import { useEffect, useState } from 'preact/hooks';
import { api, type Me } from '../common/api';
import type { DailyStats } from '../../server/routes/stats';
import { addCounts, rates, formatRate, EMPTY_COUNTS } from '../../shared/metrics';
import { TrendChart } from './TrendChart';
import { dict } from '../i18n/use';

interface WindowList { sites: { id: string; name: { zh: string } }[]; windows: { id: string; siteId: string; number: string; name: { zh: string; en: string } }[] }

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
function minusDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** The supervisor's view: filters kept in the URL, the daily 满意率 trend and its totals. */
export function Dashboard({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const t = dict('zh-CN');
  const q = new URLSearchParams(location.search);
  const [to, setTo] = useState(q.get('to') ?? todayIso());
  const [from, setFrom] = useState(q.get('from') ?? minusDays(q.get('to') ?? todayIso(), 29));
  const [windowId, setWindowId] = useState(q.get('window') ?? '');
  const [stats, setStats] = useState<DailyStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [windows, setWindows] = useState<WindowList | null>(null);

  useEffect(() => { void api.get<WindowList>('/api/v1/windows').then((r) => r.ok && setWindows(r.data)); }, []);
  useEffect(() => {
    const p = new URLSearchParams({ from, to, ...(windowId ? { window: windowId } : {}) });
    history.replaceState(null, '', `${location.pathname}?${p}`);
    void api.get<DailyStats>(`/api/v1/stats/daily?${p}`).then((r) => {
      if (r.ok) { setStats(r.data); setError(null); } else setError(r.message);
    });
  }, [from, to, windowId]);

  const total = stats ? rates(stats.days.reduce((acc, d) => addCounts(acc, d.counts), EMPTY_COUNTS)) : null;

  return (
    <>
      <header class="topbar">
        <h1>{t.dashboard} · Satisfaction</h1>
        <span>{me.user.username}</span>
        {me.user.role === 'admin' && <a href="/admin">{t.admin}</a>}
        <button type="button" onClick={onSignOut}>{t.signOut}</button>
      </header>
      <main class="page">
        <section class="card filters" aria-label="filters">
          <label>{t.from}<input type="date" value={from} max={to} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
          <label>{t.to}<input type="date" value={to} min={from} onChange={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
          <label>{t.window_}
            <select value={windowId} onChange={(e) => setWindowId((e.target as HTMLSelectElement).value)}>
              <option value="">{t.allWindows}</option>
              {windows?.windows.map((w) => <option value={w.id} key={w.id}>{w.number} {w.name.zh}</option>)}
            </select>
          </label>
        </section>
        {error && <p class="error" role="alert">{error}</p>}
        {stats && total && (
          <>
            <div class="kpis">
              <div class="kpi"><div class="v">{formatRate(total.satisfaction)}</div><div class="l">满意率 Satisfaction (≥4 / all)</div></div>
              <div class="kpi"><div class="v">{formatRate(total.good)}</div><div class="l">好评率 Good (≥3 / all)</div></div>
              <div class="kpi"><div class="v">{formatRate(total.bad)}</div><div class="l">差评率 Bad (≤2 / all)</div></div>
              <div class="kpi"><div class="v">{total.total}</div><div class="l">{t.ratings} Ratings</div></div>
            </div>
            <section class="card" style="margin-top:18px">
              <h2>满意率 per day · {stats.from} – {stats.to} ({stats.timeZone})</h2>
              <TrendChart stats={stats} />
              {stats.suspectCount > 0 && <p class="muted">{stats.suspectCount} suspect ratings left out (misuse rules).</p>}
            </section>
          </>
        )}
      </main>
    </>
  );
}
