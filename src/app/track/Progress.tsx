/** The citizen's progress page: the case's states with their times and the hall's answer; nothing personal. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/dict';
import { followUpDict, type FollowUpDict } from '../i18n/followup';
import { dict, otherLang, pick } from '../i18n/use';
import { formatTrackingCode, normalizeTrackingCode } from '../../shared/cases/tracking';
import { LOOP_STATES, type CaseState } from '../../shared/cases/machine';
import type { TrackView } from '../../shared/cases/wire';

type Lookup = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ok'; view: TrackView } | { kind: 'error'; message: keyof FollowUpDict };

const stateLabel = (t: FollowUpDict, s: CaseState): string => t[`state_${s}`];

function when(iso: string, lang: Lang, timeZone: string): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
}

async function lookUp(code: string): Promise<Lookup> {
  try {
    const res = await fetch(`/api/v1/track/${encodeURIComponent(code)}`, { cache: 'no-store' });
    if (res.ok) return { kind: 'ok', view: (await res.json()) as TrackView };
    return { kind: 'error', message: res.status === 429 ? 'trackLimited' : 'trackUnknown' };
  } catch {
    return { kind: 'error', message: 'trackOffline' };
  }
}

export function Progress({ lang: initialLang, initialCode }: { lang: Lang; initialCode: string }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [code, setCode] = useState(initialCode);
  const [result, setResult] = useState<Lookup>({ kind: 'idle' });
  const t = followUpDict(lang);

  /** The latest lookup: the answer for a code since corrected never shows over the corrected code's. */
  const latest = useRef(0);
  const submit = async (raw: string): Promise<void> => {
    const g = ++latest.current;
    const c = normalizeTrackingCode(raw);
    if (!c) return setResult({ kind: 'error', message: 'trackMalformed' }); // not a code at all: say what one looks like
    history.replaceState(null, '', `#${c}`);
    setResult({ kind: 'loading' });
    const found = await lookUp(c);
    if (g === latest.current) setResult(found);
  };
  useEffect(() => {
    if (initialCode) void submit(initialCode);
    // Another code opened in the same tab (a link, an edited address) is looked up, not left showing the last one;
    // the page's own replaceState fires no hashchange.
    const opened = (): void => {
      const c = decodeURIComponent(location.hash.slice(1));
      setCode(c);
      void submit(c);
    };
    addEventListener('hashchange', opened);
    return () => removeEventListener('hashchange', opened);
  }, []);

  return (
    <main class="track" lang={lang}>
      <header>
        <h1>{t.trackTitle}</h1>
        <button type="button" class="lang" onClick={() => setLang(otherLang(lang))}>{dict(lang).switchLang}</button>
      </header>
      <form onSubmit={(e) => { e.preventDefault(); void submit(code); }}>
        <label>{t.trackEnter}
          <input value={code} autocomplete="off" spellcheck={false} onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t.trackLookup}</button>
      </form>
      {result.kind === 'error' && <p class="error" role="alert">{t[result.message]}</p>}
      {result.kind === 'ok' && <CaseProgress view={result.view} t={t} lang={lang} />}
    </main>
  );
}

function CaseProgress({ view, t, lang }: { view: TrackView; t: FollowUpDict; lang: Lang }) {
  const reached = new Map(view.steps.map((s) => [s.state, s.at]));
  return (
    <section class="progress" aria-live="polite">
      <dl>
        <dt>{t.trackNumber}</dt><dd data-testid="case-number">{view.number}</dd>
        <dt>{t.trackHall}</dt><dd>{pick(view.siteName, lang)}</dd>
        <dt>{t.trackWindow}</dt><dd>{view.windowNumber} {pick(view.windowName, lang)}</dd>
        <dt>{t.trackOpened}</dt><dd>{when(view.openedAt, lang, view.timeZone)}</dd>
        <dt>{t.trackDue}</dt><dd>{when(new Date(Date.parse(view.dueAt) - 60_000).toISOString(), lang, view.timeZone)}</dd>
      </dl>
      <h2>{t.trackSteps}</h2>
      <ol class="steps">
        {(view.state === 'withdrawn' ? [...LOOP_STATES.slice(0, 1), 'withdrawn' as const] : LOOP_STATES).map((s) => (
          <li key={s} class={reached.has(s) ? (s === view.state ? 'current' : 'done') : 'todo'} data-state={s} aria-current={s === view.state ? 'step' : undefined}>
            <span class="dot" aria-hidden="true" />
            <span class="label">{stateLabel(t, s)}</span>
            {reached.has(s) && <time>{when(reached.get(s)!, lang, view.timeZone)}</time>}
          </li>
        ))}
      </ol>
      <h2>{t.trackAnswer}</h2>
      <p class="answer" data-testid="answer">{view.answer ?? t.trackNoAnswer}</p>
      <p class="code-echo">{t.trackCode}{lang === 'en' ? ': ' : '：'}{formatTrackingCode(normalizeTrackingCode(location.hash.slice(1)) ?? '')}</p>
    </section>
  );
}
