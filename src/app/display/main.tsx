import { render } from 'preact';
import { Display } from './Display';
import { displayToken } from './token';
import { LangContext, rememberLang, storedLang, useLangState } from '../i18n/lang';
import './display.css';

/** The big screen has no toggle to press: `?lang=en` in its link chooses the language, and this screen remembers it. */
function App({ siteId }: { siteId: string }) {
  const lang = useLangState(storedLang());
  return (
    <LangContext.Provider value={lang}>
      <Display siteId={siteId} token={siteId ? displayToken(siteId) : null} />
    </LangContext.Provider>
  );
}

const asked = new URLSearchParams(location.search).get('lang');
if (asked === 'en' || asked === 'zh-CN') rememberLang(asked);
const siteId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
render(<App siteId={siteId} />, document.getElementById('app')!);
