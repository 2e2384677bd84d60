import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Me } from './api';
import { Login } from './Login';
import { LangContext, useLangState } from '../i18n/lang';

/** The root of a staff page: the remembered language, the session, the sign-in form until there is one. */
export function StaffApp({ title, children }: { title: (lang: 'zh-CN' | 'en') => string; children: (me: Me, signOut: () => void) => ComponentChildren }) {
  const lang = useLangState();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => { void api.me().then(setMe); }, []);
  const signOut = () => void api.logout().then(() => setMe(null));
  return (
    <LangContext.Provider value={lang}>
      {me === undefined ? null : me === null ? <Login title={title(lang.lang)} onSignedIn={setMe} /> : children(me, signOut)}
    </LangContext.Provider>
  );
}
