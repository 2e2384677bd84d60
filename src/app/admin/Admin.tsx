import { useEffect, useState } from 'preact/hooks';
import type { Me } from '../common/api';
import { dict } from '../i18n/use';
import { send, type WindowList } from './http';
import { Kiosks } from './Kiosks';
import { Users } from './Users';
import { Exports } from './Exports';
import { Audit } from './Audit';
import { DisplayTokens } from './DisplayTokens';
import { AlertChannels } from './alerts/AlertChannels';

type Tab = 'kiosks' | 'users' | 'exports' | 'audit' | 'alerts';
const TABS: Array<[Tab, string]> = [['kiosks', '终端 Kiosks'], ['users', '用户 Users'], ['exports', '导出 Exports'], ['audit', '审计 Audit'], ['alerts', '提醒 Alerts']];

function tabFromPath(admin: boolean): Tab {
  if (!admin) return 'exports';
  const seg = location.pathname.split('/')[2] ?? '';
  return (TABS.find(([t]) => t === seg)?.[0]) ?? 'kiosks';
}

/** Administration: kiosks, users and roles, exports, audit; one path per tab (/admin/users …). */
export function Admin({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const t = dict('zh-CN');
  const isAdmin = me.user.role === 'admin';
  const tabs = isAdmin ? TABS : TABS.filter(([id]) => id === 'exports');
  const [tab, setTab] = useState<Tab>(tabFromPath(isAdmin));
  const [windows, setWindows] = useState<WindowList | null>(null);
  useEffect(() => { void send<WindowList>(me.csrf, 'GET', '/api/v1/windows').then((r) => r.ok && setWindows(r.data)); }, []);
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
      <header class="topbar">
        <h1>{t.admin} · Administration</h1>
        <span>{me.user.username}</span>
        <a href="/dashboard">{t.dashboard}</a>
        {isAdmin && <a href="/admin/posters">二维码海报 Posters</a>}
        <button type="button" onClick={onSignOut}>{t.signOut}</button>
      </header>
      <nav class="tabs" aria-label="管理 Administration">
        {tabs.map(([id, label]) => (
          <a key={id} href={`/admin/${id}`} aria-current={tab === id ? 'page' : undefined} onClick={go(id)}>{label}</a>
        ))}
      </nav>
      <main class="page">
        {tab === 'kiosks' && isAdmin && (
          <>
            <Kiosks csrf={me.csrf} windows={windows} />
            <DisplayTokens />
          </>
        )}
        {tab === 'users' && <Users csrf={me.csrf} windows={windows} self={me.user.username} />}
        {tab === 'exports' && <Exports csrf={me.csrf} windows={windows} isAdmin={isAdmin} />}
        {tab === 'audit' && <Audit csrf={me.csrf} />}
        {tab === 'alerts' && isAdmin && <AlertChannels csrf={me.csrf} windows={windows} />}
      </main>
    </>
  );
}
