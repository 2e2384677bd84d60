import { useEffect, useRef, useState } from 'preact/hooks';
import { FeedbackSchema, type Feedback, type FeedbackItem } from '../../../shared/api';
import { api } from '../../common/api';
import { useSending } from '../../common/sending';
import { FEEDBACK_TEXT } from '../../i18n/followup-dashboard';
import { FeedbackItemDetail } from './FeedbackItemDetail';
import { level, type Score } from '../../../shared/scale';
import { CATEGORIES } from '../text';
import type { DashState } from '../filters/state';
import { contactIcon } from '../../../shared/contact';
import { FLAG_LABELS } from '../../i18n/flags';
import { useLang, useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { staffText } from '../../i18n/staff';
import { pick } from '../../i18n/use';
import { useNames } from '../names';

interface Props {
  data: Feedback | null;
  state: DashState;
  set: (c: Partial<DashState>) => void;
  /** The list's URL without a cursor, to fetch older pages. */
  pageUrl: string | null;
}

/** YYYY-MM-DD HH:mm in the hall's time zone. */
function localTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
const isCategory = (c: string | null): c is (typeof CATEGORIES)[number] => (CATEGORIES as readonly (string | null)[]).includes(c);

/** Comments and suggestion-box entries, newest first; text is rendered as text (escaped), phones arrive masked. */
export function FeedbackList({ data, state, set, pageUrl }: Props) {
  const lang = useLang();
  const t = useTexts(dashboardText);
  const s = useTexts(staffText);
  const names = useNames();
  const [older, setOlder] = useState<FeedbackItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  /** The list older pages belong to: a page asked for before the filters changed is not added to the new list. */
  const shown = useRef(data);
  shown.current = data;
  useEffect(() => { setOlder([]); setCursor(data?.nextCursor ?? null); setOpen(null); }, [data]);
  // One page at a time: a double click on 更多 would add the same page twice.
  const paging = useSending();
  const loadOlder = async () => {
    if (!pageUrl || !cursor) return;
    const of = data;
    const r = await api.get(`${pageUrl}&cursor=${encodeURIComponent(cursor)}`, FeedbackSchema);
    if (!r.ok || shown.current !== of) return;
    setOlder((o) => [...o, ...r.data.items]);
    setCursor(r.data.nextCursor);
  };
  const items = data ? [...data.items, ...older] : [];
  return (
    <section class="card" aria-labelledby="fb-h">
      <h2 id="fb-h">{t.feedbackTitle}</h2>
      <form class="filters inline" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>{t.search}<input type="search" value={state.q} placeholder={t.keyword} onChange={(e) => set({ q: value(e) })} /></label>
        <label>{t.score}
          <select value={state.score} onChange={(e) => set({ score: value(e), category: '' })}>
            <option value="">{s.all}</option>
            {([5, 4, 3, 2, 1] as Score[]).map((x) => <option key={x} value={String(x)}>{x} {pick(level(x), lang)}</option>)}
          </select>
        </label>
        <label>{t.category}
          <select value={state.category} onChange={(e) => set({ category: value(e), score: '' })}>
            <option value="">{s.all}</option>
            {CATEGORIES.map((k) => <option key={k} value={k}>{t[`cat_${k}`]}</option>)}
          </select>
        </label>
      </form>
      {data && data.items.length === 0 && <p class="muted">{t.nothingMatches}</p>}
      <ol class="feedback">
        {items.map((it) => (
          <li key={it.id} class={it.score !== null && it.score <= 2 ? 'bad' : ''}>
            <div class="meta">
              <time dateTime={it.at}>{localTime(it.at, data?.timeZone ?? "Asia/Shanghai")}</time>
              {it.kind === 'response'
                ? <span class={`tag s${it.score}`}>{it.score} {pick(level(it.score as Score), lang)}</span>
                : <span class="tag cat">{isCategory(it.category) ? t[`cat_${it.category}`] : it.category}</span>}
              <button type="button" class="linklike" onClick={() => set({ window: it.windowId })}>{names.window(it.windowId)}</button>
              {it.staffId && <button type="button" class="linklike" onClick={() => set({ staff: it.staffId! })}>{names.staff(it.staffId)}</button>}
              {it.phone && <span class="phone">{contactIcon(it.phone)} {it.phone}</span>}
              {it.flags.map((f) => <span key={f} class="tag flag" title={f}>{FLAG_LABELS[f] ? pick(FLAG_LABELS[f]!, lang) : f}</span>)}
            </div>
            {it.reasons.length > 0 && <div class="reasons">{it.reasons.map(names.reason).join(' · ')}</div>}
            <p class="text">{it.text || pick(FEEDBACK_TEXT.noComment, lang)}</p>
            <button type="button" class="linklike more" aria-expanded={open === it.id} onClick={() => setOpen(open === it.id ? null : it.id)}>
              {open === it.id ? pick(FEEDBACK_TEXT.close, lang) : pick(FEEDBACK_TEXT.open, lang)}
            </button>
            {open === it.id && data && <FeedbackItemDetail kind={it.kind} id={it.id} timeZone={data.timeZone} />}
          </li>
        ))}
      </ol>
      {data && (cursor
        ? <button type="button" disabled={paging.busy} onClick={() => void paging.send(loadOlder)}>{pick(FEEDBACK_TEXT.more, lang)}</button>
        : items.length > 0 && <p class="muted">{pick(FEEDBACK_TEXT.end, lang)}</p>)}
    </section>
  );
}
