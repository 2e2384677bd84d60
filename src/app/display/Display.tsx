import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { DisplayFiguresSchema, type DisplayFigures } from '../../shared/api';
import { formatRate } from '../../shared/metrics';
import { useLang, useTexts } from '../i18n/lang';
import { displayText } from '../i18n/display';
import { staffText } from '../i18n/staff';
import { errorText, type Failure } from '../i18n/format';
import { fill, otherLang, pick } from '../i18n/use';
import { WindowCard } from './WindowCard';

const REFRESH_MS = 60_000;

type State = { kind: 'loading' } | { kind: 'ok'; data: DisplayFigures; stale: boolean } | { kind: 'denied' } | { kind: 'error'; failure: Failure };

async function load(siteId: string, token: string): Promise<State> {
  const r = await api.get(`/api/v1/display/${encodeURIComponent(siteId)}`, DisplayFiguresSchema, { authorization: `Bearer ${token}` });
  if (r.ok) return { kind: 'ok', data: r.data, stale: false };
  return r.status === 401 || r.status === 403 ? { kind: 'denied' } : { kind: 'error', failure: r };
}

/** The public big screen (公示): refreshes itself every minute; keeps the last figures if the network drops. */
export function Display({ siteId, token }: { siteId: string; token: string | null }) {
  const lang = useLang();
  const t = useTexts(displayText);
  const s = useTexts(staffText);
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    if (!token) return;
    const tick = () => void load(siteId, token).then((next) => setState((prev) => (next.kind === 'error' && prev.kind === 'ok' ? { ...prev, stale: true } : next)));
    tick();
    const id = setInterval(tick, REFRESH_MS);
    return () => clearInterval(id);
  }, [siteId, token]);

  if (!token || state.kind === 'denied') return <main class="msg"><h1>{t.needToken}</h1><p>{t.needTokenDetail}</p></main>;
  if (state.kind === 'loading') return <main class="msg"><p>{s.loading}</p></main>;
  if (state.kind === 'error') return <main class="msg"><h1>{t.noData}</h1><p>{errorText(s, state.failure)}</p></main>;
  const d = state.data;
  // On the hall's clock, like the day beside it, whatever zone the screen's computer is set to.
  const time = new Date(d.updatedAt).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(d.site.timeZone ? { timeZone: d.site.timeZone } : {}) });
  return (
    <main class="screen">
      <header class="head">
        <h1>{pick(d.site.name, lang)}<small>{t.displayTitle} · {pick(d.site.name, otherLang(lang))}</small></h1>
        <div class="totals">
          <div><div class="lbl">{t.todayRate} · {d.day}</div><div class="big">{formatRate(d.today.satisfaction)}</div><div class="cnt">{fill(t.ratingsN, { n: d.today.total })}</div></div>
          <div><div class="lbl">{t.monthRate} · {d.month}</div><div class="big">{formatRate(d.thisMonth.satisfaction)}</div><div class="cnt">{fill(t.ratingsN, { n: d.thisMonth.total })}</div></div>
        </div>
      </header>
      <section class="grid" aria-label={t.windows}>
        {d.windows.map((w) => <WindowCard minSample={d.minSample} key={w.number} w={w} target={d.target} />)}
      </section>
      <footer class="foot">
        {fill(t.rule, { n: Math.round(d.target * 100) })}
        <span class={state.stale ? 'stale' : ''}>{fill(t.updated, { time })}{state.stale ? t.stale : ''}</span>
      </footer>
    </main>
  );
}
