import { useEffect, useState } from 'preact/hooks';
import { api, type Me } from '../common/api';
import { WindowListSchema, type WindowList } from '../../shared/api';
import { useTexts } from '../i18n/lang';
import { staffText } from '../i18n/staff';
import { adminText } from '../i18n/admin';
import { TopBar } from '../common/TopBar';
import { Kiosks } from './Kiosks';
import { Users } from './Users';
import { Exports } from './Exports';
import { Audit } from './Audit';
import { DisplayTokens } from './DisplayTokens';
import { AlertChannels } from './alerts/AlertChannels';
import { IntegrationKeys } from './IntegrationKeys';

const TABS = ['kiosks', 'users', 'integrations', 'exports', 'audit', 'alerts'] as const;
type Tab = (typeof TABS)[number];

function tabFromPath(admin: boolean): Tab {
  if (!admin) return 'exports';
  const seg = location.pathname.split('/')[2] ?? '';
  return TABS.find((t) => t === seg) ?? 'kiosks';
}

/** Administration: kiosks, users and roles, integration keys, exports, audit, alerts; one path per tab (/admin/users …). */
export function Admin({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const s = useTexts(staffText);
  const t = useTexts(adminText);
  const isAdmin = me.user.role === 'admin';
  const tabs = isAdmin ? TABS : TABS.filter((id) => id === 'exports');
  const [tab, setTab] = useState<Tab>(tabFromPath(isAdmin));
  const [windows, setWindows] = useState<WindowList | null>(null);
  useEffect(() => { void api.get('/api/v1/windows', WindowListSchema).then((r) => r.ok && setWindows(r.data)); }, []);
  useEffect(() => {
    const onPop = () => setTab(tabFromPath(isAdmin));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const go = (next: Tab) => (e: Event) => {
    e.preventDefault();
    history.pushState(null, '', `/admin/${next}`);
    setTab(next);
  };
  return (
    <>
      <TopBar title={s.admin} me={me} onSignOut={onSignOut}>
        <a href="/dashboard">{s.dashboard}</a>
        {isAdmin && <a href="/admin/posters">{s.posters}</a>}
      </TopBar>
      <nav class="tabs" aria-label={t.tabs}>
        {tabs.map((id) => (
          <a key={id} href={`/admin/${id}`} aria-current={tab === id ? 'page' : undefined} onClick={go(id)}>{t[`tab_${id}`]}</a>
        ))}
      </nav>
      <main class="page">
        {tab === 'kiosks' && isAdmin && (
          <>
            <Kiosks windows={windows} />
            <DisplayTokens />
          </>
        )}
        {tab === 'users' && <Users windows={windows} self={me.user.username} />}
        {tab === 'integrations' && isAdmin && <IntegrationKeys windows={windows} />}
        {tab === 'exports' && <Exports windows={windows} isAdmin={isAdmin} />}
        {tab === 'audit' && <Audit />}
        {tab === 'alerts' && isAdmin && <AlertChannels windows={windows} />}
      </main>
    </>
  );
}
