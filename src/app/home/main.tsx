import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { LangToggle } from '../common/LangToggle';
import { WindowListSchema, type WindowList } from '../../shared/api';
import { LangContext, useLang, useLangState, useTexts } from '../i18n/lang';
import { staffText } from '../i18n/staff';
import { dict, pick } from '../i18n/use';
import '../common/staff.css';

/** The hall's start page: its windows' kiosks, the dashboard and administration. */
function Home() {
  const lang = useLang();
  const s = useTexts(staffText);
  const [list, setList] = useState<WindowList | null>(null);
  useEffect(() => { void api.get('/api/v1/windows', WindowListSchema).then((r) => r.ok && setList(r.data)); }, []);
  return (
    <>
      <header class="topbar"><h1>{dict(lang).appTitle}</h1><a href="/dashboard">{s.dashboard}</a><a href="/admin">{s.admin}</a><LangToggle /></header>
      <main class="page">
        {list?.sites.map((x) => (
          <section class="card" key={x.id}>
            <h2>{pick(x.name, lang)}</h2>
            <table>
              <tbody>
                {list.windows.filter((w) => w.siteId === x.id).map((w) => (
                  <tr key={w.id}><td>{w.number}</td><td>{pick(w.name, lang)}</td><td><a href={`/kiosk/${w.id}`}>{dict(lang).kiosks}</a></td></tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </main>
    </>
  );
}

function App() {
  return <LangContext.Provider value={useLangState()}><Home /></LangContext.Provider>;
}

render(<App />, document.getElementById('app')!);
