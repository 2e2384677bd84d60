import { render } from 'preact';
import { openKioskDb } from '../../device/store/db';
import { getEnrolment } from '../../device/store/meta';
import { Pair } from './Pair';
import { lastWindow } from './enrol';
import { LangContext, useLangState } from '../i18n/lang';
import { registerServiceWorker } from '../common/sw-register';
import './pair.css';

/** /kiosk: a paired tablet goes straight to its window; otherwise (or with ?pair) it asks for a pairing code. */
async function boot(): Promise<void> {
  registerServiceWorker(); // the installed app starts here, so this page must bring the worker too
  const params = new URLSearchParams(location.search);
  const code = params.get('code') ?? '';
  const windowId = params.get('window');
  const db = await openKioskDb();
  const last = lastWindow();
  const enrolled = last && (await getEnrolment(db, last)) ? last : null;
  if (enrolled && !code && !params.has('pair')) {
    location.replace(`/kiosk/${encodeURIComponent(enrolled)}`);
    return;
  }
  // A kiosk's 重新配对 says which language its screen was in; otherwise the staff screens' remembered one.
  const asked = params.get('lang');
  const lang = asked === 'en' || asked === 'zh-CN' ? asked : undefined;
  const App = () => (
    <LangContext.Provider value={useLangState(lang)}>
      <Pair db={db} initialCode={code} windowId={windowId} enrolledWindow={enrolled} />
    </LangContext.Provider>
  );
  render(<App />, document.getElementById('app')!);
}

void boot();
