import { useEffect, useState } from 'preact/hooks';
import { api, type Me } from '../common/api';
import { dict } from '../i18n/use';

interface WindowList { sites: { id: string; name: { zh: string } }[]; windows: { id: string; siteId: string; number: string; name: { zh: string; en: string } }[] }

/** Administration: exports and the hall's kiosks. */
export function Admin({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const t = dict('zh-CN');
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(today.slice(0, 8) + '01');
  const [to, setTo] = useState(today);
  const [windows, setWindows] = useState<WindowList | null>(null);
  useEffect(() => { void api.get<WindowList>('/api/v1/windows').then((r) => r.ok && setWindows(r.data)); }, []);
  const exportUrl = `/api/v1/export/responses.csv?${new URLSearchParams({ from, to })}`;
  return (
    <>
      <header class="topbar">
        <h1>{t.admin} · Administration</h1>
        <span>{me.user.username}</span>
        <a href="/dashboard">{t.dashboard}</a>
        <button type="button" onClick={onSignOut}>{t.signOut}</button>
      </header>
      <main class="page">
        <section class="card">
          <h2>导出 · Export</h2>
          <div class="filters">
            <label>{t.from}<input type="date" value={from} max={to} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
            <label>{t.to}<input type="date" value={to} min={from} onChange={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
            <a class="btn btn-link" href={exportUrl} download>{t.exportResponses}</a>
          </div>
          <p class="muted">UTF-8 with BOM, opens in Excel with Chinese text intact. Phone numbers are masked (138****1234).</p>
        </section>
        <section class="card">
          <h2>{t.kiosks} · Window kiosks</h2>
          <table>
            <thead><tr><th>窗口 Window</th><th>名称 Name</th><th>终端地址 Kiosk URL</th></tr></thead>
            <tbody>
              {windows?.windows.map((w) => (
                <tr key={w.id}><td>{w.number}</td><td>{w.name.zh} · {w.name.en}</td><td><a href={`/kiosk/${w.id}`}>/kiosk/{w.id}</a></td></tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
    </>
  );
}
