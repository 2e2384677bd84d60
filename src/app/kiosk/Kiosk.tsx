import { useEffect, useRef, useState } from 'preact/hooks';
import type { WindowConfig } from '../../shared/config';
import { facesFor, level, type Score } from '../../shared/scale';
import { FaceIcon } from './Face';
import { dict } from '../i18n/use';
import type { Lang } from '../i18n/dict';

export type RateOutcome = { kind: 'saved' } | { kind: 'failed' };

export interface KioskProps {
  config: WindowConfig;
  /** Saves a rating; resolves only after IndexedDB committed (or failed). */
  onRate: (score: Score) => Promise<RateOutcome>;
  /** Called each time the kiosk is back at the idle screen. */
  onIdle: () => void;
}

type Screen = { kind: 'idle' } | { kind: 'thanks' } | { kind: 'failed' };

/** The kiosk as a citizen meets it: idle screen with faces, then thanks, then idle again. */
export function Kiosk({ config, onRate, onIdle }: KioskProps) {
  const lang: Lang = config.site.defaultLanguage;
  const t = dict(lang);
  const [screen, setScreen] = useState<Screen>({ kind: 'idle' });
  const busy = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const staff = config.staff.find((s) => s.id === config.window.staffOnDuty);

  useEffect(() => {
    heading.current?.focus();
    if (screen.kind === 'idle') {
      onIdle();
      return;
    }
    const timer = setTimeout(() => setScreen({ kind: 'idle' }), config.site.timers.thanksSeconds * 1000);
    return () => clearTimeout(timer);
  }, [screen]);

  const rate = async (score: Score) => {
    if (busy.current) return; // a double tap is one rating
    busy.current = true;
    try {
      const out = await onRate(score);
      setScreen(out.kind === 'saved' ? { kind: 'thanks' } : { kind: 'failed' });
    } finally {
      busy.current = false;
    }
  };

  return (
    <div class="kiosk" lang={lang}>
      <header class="kiosk-head">
        <div class="win-no" aria-label={`${t.window} ${config.window.number}`}>
          <span class="win-no-num">{config.window.number}</span>
          <span class="win-no-label">{t.window}</span>
        </div>
        <div class="win-name">
          <div class="site-name">{config.site.name.zh}</div>
          <div class="win-title">{config.window.name.zh}<span class="en"> {config.window.name.en}</span></div>
        </div>
        {staff && (
          <div class="staff-card">
            {staff.photo && <img src={staff.photo} alt="" width={60} height={75} />}
            <div>
              <div class="staff-name">{staff.name}</div>
              <div class="staff-no">No. {staff.staffNumber}</div>
            </div>
          </div>
        )}
      </header>
      <main class="kiosk-main">
        {screen.kind === 'idle' && (
          <section aria-labelledby="rate-h" class="rate">
            <h1 id="rate-h" ref={heading} tabIndex={-1}>{t.rateUs}<span class="en">{dict('en').rateUs}</span></h1>
            <div class="faces" role="group" aria-labelledby="rate-h">
              {facesFor(config.site.scale).map((s) => {
                const lv = level(s);
                return (
                  <button type="button" class={`face face-${s}`} key={s} onClick={() => void rate(s)} aria-label={`${lv.zh} ${lv.en}`}>
                    <FaceIcon score={s} />
                    <span class="face-zh">{lv.zh}</span>
                    <span class="face-en">{lv.en}</span>
                  </button>
                );
              })}
            </div>
            <p class="hint">{t.rateUsHint} · {dict('en').rateUsHint}</p>
          </section>
        )}
        {screen.kind === 'thanks' && (
          <section class="thanks" role="status" aria-live="polite">
            <h1 ref={heading} tabIndex={-1}>{t.thanks}<span class="en">{dict('en').thanks}</span></h1>
            <p>{t.thanksDetail}</p>
          </section>
        )}
        {screen.kind === 'failed' && (
          <section class="thanks failed" role="alert">
            <h1 ref={heading} tabIndex={-1}>{t.notSaved}</h1>
            <p class="en">{dict('en').notSaved}</p>
          </section>
        )}
      </main>
      {config.window.promise && (
        <footer class="kiosk-foot">
          <span class="promise-label">服务承诺</span> {config.window.promise.zh}
          <span class="en"> · {config.window.promise.en}</span>
        </footer>
      )}
    </div>
  );
}
