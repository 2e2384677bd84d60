import { useEffect, useRef, useState } from 'preact/hooks';
import type { WindowConfig } from '../../shared/config';
import type { Score } from '../../shared/scale';
import { startInactivityTimer, timeoutFor, type SurveyPatch } from '../../shared/survey';
import type { KioskDatabase } from '../../device/store/db';
import type { Lang } from '../i18n/dict';
import { citizenDict, loadLanguage } from '../i18n/citizen';
import { inBackground } from '../../device/tasks';
import { Survey } from './survey/Survey';
import { SuggestionBox } from './survey/LazySuggestionBox';
import { Thanks } from './survey/Thanks';
import type { SurveyScreen } from './survey/types';
import { Header } from './chrome/Header';
import { Toggles } from './chrome/Toggles';
import { PromiseBar } from './chrome/PromiseBar';
import { useKioskLock } from './chrome/useKioskLock';
import { IdleExtras } from './IdleExtras';
import { LazyStaffArea } from './staff/LazyStaffArea';
import type { PinCheck } from '../../device/staff/lockout';
import type { Recorder } from '../../device/recorder';

export interface KioskProps {
  config: WindowConfig;
  recorder: Recorder;
  /** Staff id the kiosk starts with (signed in earlier, or the window's staff on duty). */
  initialStaffId: string | null;
  onStaffChange: (staffId: string | null) => void;
  /** The device's store, read by the staff corner (may still be opening at the first frame). */
  db: Promise<KioskDatabase>;
  /** Staff sign-in: number and PIN, with the kiosk's delay and lockout after wrong PINs. */
  checkPin: PinCheck;
  syncNow: () => Promise<unknown>;
  version: string;
  /**
   * Called at each change of screen: `idle` when it is the idle screen with no citizen's choice on it (a safe moment
   * for an app update or for following an admin's Move), false while someone is using the kiosk.
   */
  onScreen: (idle: boolean) => void;
}

type Screen =
  | { kind: 'survey'; step: SurveyScreen }
  | { kind: 'suggest' }
  | { kind: 'suggestThanks'; saved: boolean; trackingCode?: string | undefined }
  | { kind: 'pin' }
  | { kind: 'staff' };

/** The kiosk as citizens and window staff meet it. */
export function Kiosk(props: KioskProps) {
  const { config, recorder } = props;
  const site = config.site;
  const [lang, setLang] = useState<Lang>(site.defaultLanguage);
  const [large, setLarge] = useState(site.largeTextDefault);
  const [screen, setScreen] = useState<Screen>({ kind: 'survey', step: 'faces' });
  const [surveyKey, setSurveyKey] = useState(0);
  const [staffId, setStaffId] = useState(props.initialStaffId);
  const t = citizenDict(lang);
  const staff = config.staff.find((s) => s.id === staffId) ?? null;
  useKioskLock();

  /** Back to a clean idle screen: a new survey, the site's language and text size, nothing of the last citizen. */
  const reset = (): void => {
    recorder.endSurvey();
    setSurveyKey((k) => k + 1);
    setScreen({ kind: 'survey', step: 'faces' });
    setLang(site.defaultLanguage);
    setLarge(site.largeTextDefault);
  };

  const atIdle = screen.kind === 'survey' && screen.step === 'faces';
  const changedAtIdle = atIdle && (lang !== site.defaultLanguage || large !== site.largeTextDefault);
  const showsThanks = (screen.kind === 'survey' && screen.step === 'thanks') || screen.kind === 'suggestThanks';
  const waits = !atIdle || changedAtIdle;
  const resetRef = useRef(reset);
  resetRef.current = reset;

  useEffect(() => {
    props.onScreen(!waits);
    if (showsThanks) recorder.thanked();
    if (!waits) return;
    const ms = timeoutFor(showsThanks ? 'thanks' : 'reasons', site.timers);
    const timer = startInactivityTimer(ms, () => resetRef.current());
    const touch = (): void => timer.touch();
    // Every screen waits for touches: a citizen still copying a thank-you's tracking code keeps it.
    const events = ['pointerdown', 'keydown', 'input'];
    for (const e of events) document.addEventListener(e, touch, true);
    return () => {
      timer.stop();
      for (const e of events) document.removeEventListener(e, touch, true);
    };
  }, [screen, changedAtIdle]);

  /** Switches once the language's texts are there (English loads at its first use, not with the idle screen). */
  const chooseLang = (l: Lang): void => void inBackground(props.db, 'language', async () => {
    await loadLanguage(l);
    setLang(l);
  });

  const signIn = (id: string | null): void => {
    setStaffId(id);
    props.onStaffChange(id);
  };

  const citizen = screen.kind === 'survey' || screen.kind === 'suggest' || screen.kind === 'suggestThanks';
  return (
    <div class={`kiosk${large ? ' large' : ''}`} lang={lang}>
      <Header config={config} staff={staff} lang={lang} onLongPress={() => setScreen({ kind: 'pin' })}>
        {citizen && <Toggles lang={lang} large={large} onLang={chooseLang} onLarge={setLarge} />}
      </Header>
      <main class="kiosk-main">
        {screen.kind === 'survey' && (
          <Survey key={surveyKey} site={site} lang={lang}
            onRate={(score: Score) => recorder.rate(score, staffId)}
            onUpdate={(patch: SurveyPatch) => recorder.update(patch)}
            onScreen={(step) => setScreen({ kind: 'survey', step })}
            onDone={reset}
            facesExtra={<IdleExtras lang={lang} staffId={staffId} onSuggest={() => setScreen({ kind: 'suggest' })} />} />
        )}
        {screen.kind === 'suggest' && (
          <SuggestionBox lang={lang} onCancel={reset} onSubmit={(entry) => {
            void recorder.suggest(entry, staffId).then((out) => setScreen({ ...out, kind: 'suggestThanks', saved: out.kind === 'saved' }));
          }} />
        )}
        {screen.kind === 'suggestThanks' && (
          <Thanks lang={lang} title={screen.saved ? t.suggestionThanks : t.notSaved} detail={screen.saved ? t.thanksDetail : ''} onDone={reset} trackingCode={screen.trackingCode} />
        )}
        {(screen.kind === 'pin' || screen.kind === 'staff') && (
          <LazyStaffArea mode={screen.kind === 'pin' ? 'pin' : 'corner'} lang={lang} staff={staff} version={props.version}
            db={props.db} windowId={config.window.id} timeZone={site.timeZone} checkPin={props.checkPin} syncNow={props.syncNow}
            onSignedIn={(id) => { signIn(id); setScreen({ kind: 'staff' }); }} onSignOut={() => signIn(null)} onClose={reset} />
        )}
      </main>
      {screen.kind === 'survey' && <PromiseBar window={config.window} lang={lang} />}
    </div>
  );
}
