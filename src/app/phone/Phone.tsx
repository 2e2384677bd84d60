import { useState } from 'preact/hooks';
import type { WindowConfig } from '../../shared/config';
import type { Score } from '../../shared/scale';
import { isExpired, staffOfCode, type TokenClaims } from '../../shared/token';
import type { Lang } from '../i18n/dict';
import { dict, otherLang, pick } from '../i18n/use';
import { Survey } from '../kiosk/survey/Survey';
import { SuggestionBox } from '../kiosk/survey/SuggestionBox';
import { Thanks } from '../kiosk/survey/Thanks';
import type { SaveOutcome } from '../kiosk/survey/types';
import type { Recorder } from '../../device/recorder';
import { Notice } from './Notice';
import { Resumed } from './Resumed';
import { noteStep, type Visit } from './visit';
import { dropDraft, keepDraft, keptDraft } from './draft';
import { phoneEn, phoneZh } from '../i18n/phone';
import type { SurveyPatch } from '../../shared/survey';

export interface PhoneProps {
  config: WindowConfig;
  claims: TokenClaims;
  recorder: Recorder;
  now: () => number;
  /** Sends what was just saved; resolves true once the endpoint stored it, false while it stays queued. */
  send: () => Promise<boolean>;
  /** This phone rated the window a moment ago (the page was reloaded or opened again): its survey goes on, no new rating. */
  resume?: { visit: Visit; update: (patch: SurveyPatch) => Promise<SaveOutcome> } | undefined;
}

/** `sent`: undefined while the suggestion is on its way, then whether the endpoint has it or it waits for the network. */
type Screen = { kind: 'survey' } | { kind: 'suggest' } | { kind: 'suggestThanks'; saved: boolean; trackingCode?: string | undefined; sent?: boolean }
  | { kind: 'finished' } | { kind: 'expired'; draftKept?: boolean };

/** The survey on the citizen's own phone: the kiosk's screens, one column, no kiosk chrome or staff corner. */
export function Phone({ config, claims, recorder, now, send, resume }: PhoneProps) {
  const site = config.site;
  // A presence code names who was signed in at the kiosk; a poster or case code, the window's staff on duty.
  const staffId = staffOfCode(claims, config.window.staffOnDuty ?? null);
  const [lang, setLang] = useState<Lang>(site.defaultLanguage);
  const [large, setLarge] = useState(site.largeTextDefault);
  const [screen, setScreen] = useState<Screen>({ kind: 'survey' });
  const t = dict(lang);

  // Checked on the phone at the moment of rating: a code that expired while the page was open gets the message, not a form.
  const stillValid = (): boolean => {
    if (!isExpired(claims, now())) return true;
    setScreen({ kind: 'expired' });
    return false;
  };
  const onRate = async (score: Score): Promise<SaveOutcome> => (stillValid() ? recorder.rate(score, staffId) : { kind: 'failed' });

  return (
    <div class={`phone${large ? ' large' : ''}`} lang={lang}>
      <header class="phone-head">
        <div class="phone-win">
          <span class="phone-win-no">{config.window.number}</span>
          <span class="phone-win-name">{pick(config.window.name, lang)}</span>
        </div>
        <div class="phone-toggles">
          <button type="button" class="phone-toggle" lang={lang === 'en' ? 'zh-CN' : 'en'} aria-label={t.switchLangLabel}
            onClick={() => setLang(otherLang(lang))}>{t.switchLang}</button>
          <button type="button" class="phone-toggle aa" aria-pressed={large} aria-label={t.largeText} onClick={() => setLarge(!large)}>A<span>A</span></button>
        </div>
      </header>
      <p class="phone-site">{pick(site.name, lang)}</p>
      {claims.k === 'case' && claims.c && (
        <p class="phone-case">{claims.f === 1 ? `${t.followUpRating} · ` : ''}{t.caseNo}{lang === 'en' ? ': ' : '：'}<span class="case-number">{claims.c}</span></p>
      )}
      <main class="phone-main">
        {screen.kind === 'survey' && resume && (
          <Resumed visit={resume.visit} site={site} lang={lang} onUpdate={resume.update} onScreen={(s) => noteStep(claims.w, s, now())}
            onDone={() => setScreen({ kind: 'finished' })} />
        )}
        {screen.kind === 'survey' && !resume && (
          <Survey site={site} lang={lang} onRate={onRate} onUpdate={(patch) => recorder.update(patch)}
            onScreen={(s) => noteStep(claims.w, s, now())} onDone={() => setScreen({ kind: 'finished' })}
            facesExtra={
              <button type="button" class="suggest-entry" onClick={() => stillValid() && setScreen({ kind: 'suggest' })}>
                <span><strong>{t.suggestionBox}</strong> · {t.suggestionEntry}</span>
              </button>
            } />
        )}
        {screen.kind === 'suggest' && (
          <SuggestionBox lang={lang} draft={keptDraft(claims.w, now())} onCancel={() => setScreen({ kind: 'survey' })} onSubmit={(entry) => {
            // Written past the code's time: the endpoint would refuse it, so it is kept on the phone for the next scan.
            if (isExpired(claims, now())) return setScreen({ kind: 'expired', draftKept: keepDraft(claims.w, { category: entry.category, text: entry.text }, now()) });
            void recorder.suggest(entry, staffId).then(async (out) => {
              if (out.kind !== 'saved') return setScreen({ kind: 'suggestThanks', saved: false });
              dropDraft(claims.w);
              setScreen({ kind: 'suggestThanks', saved: true, trackingCode: out.trackingCode });
              const sent = await send();
              setScreen((s) => (s.kind === 'suggestThanks' ? { ...s, sent } : s));
            });
          }} />
        )}
        {screen.kind === 'suggestThanks' && (
          <Thanks lang={lang} title={screen.saved ? t.suggestionThanks : t.notSaved}
            detail={screen.sent === undefined ? '' : screen.sent ? t.sentNow : t.savedOffline}
            trackingCode={screen.trackingCode} onDone={() => setScreen({ kind: 'finished' })} />
        )}
        {screen.kind === 'finished' && <Notice tone="done" title={t.thanks} detail={t.phoneFinished} />}
        {screen.kind === 'expired' && (
          <Notice tone="problem" title={t.qrExpired}
            detail={screen.draftKept ? (lang === 'en' ? phoneEn : phoneZh).draftKept : dict(otherLang(lang)).qrExpired} />
        )}
      </main>
    </div>
  );
}
