import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import '../common/staff.css';

interface WindowList { sites: { id: string; name: { zh: string; en: string } }[]; windows: { id: string; siteId: string; number: string; name: { zh: string; en: string } }[] }

/** The hall's start page: its windows' kiosks, the dashboard and administration. */
function Home() {
  const [list, setList] = useState<WindowList | null>(null);
  useEffect(() => { void api.get<WindowList>('/api/v1/windows').then((r) => r.ok && setList(r.data)); }, []);
  return (
    <>
      <header class="topbar"><h1>窗口服务评价 · Window feedback</h1><a href="/dashboard">满意度统计 Dashboard</a><a href="/admin">系统管理 Admin</a></header>
      <main class="page">
        {list?.sites.map((s) => (
          <section class="card" key={s.id}>
            <h2>{s.name.zh} · {s.name.en}</h2>
            <table>
              <tbody>
                {list.windows.filter((w) => w.siteId === s.id).map((w) => (
                  <tr key={w.id}><td>{w.number}</td><td>{w.name.zh} · {w.name.en}</td><td><a href={`/kiosk/${w.id}`}>评价终端 Kiosk</a></td></tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </main>
    </>
  );
}

render(<Home />, document.getElementById('app')!);
