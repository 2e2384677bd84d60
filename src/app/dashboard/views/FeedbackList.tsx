import { useEffect, useState } from 'preact/hooks';
import type { Feedback, FeedbackItem } from '../../../server/stats/types';
import { api } from '../../common/api';
import { FEEDBACK_TEXT } from '../../i18n/followup-dashboard';
import { FeedbackItemDetail } from './FeedbackItemDetail';
import { level, type Score } from '../../../shared/scale';
import { CATEGORY_LABELS } from '../text';
import type { DashState } from '../filters/state';
import { contactIcon } from '../../../shared/contact';
import { flagLabel } from '../../i18n/flags';

interface Props {
  data: Feedback | null;
  state: DashState;
  set: (c: Partial<DashState>) => void;
  reasonLabel: (code: string) => string;
  /** The list's URL without a cursor, to fetch older pages. */
  pageUrl: string | null;
}

/** YYYY-MM-DD HH:mm in the hall's time zone. */
function localTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

/** Comments and suggestion-box entries, newest first; text is rendered as text (escaped), phones arrive masked. */
export function FeedbackList({ data, state, set, reasonLabel, pageUrl }: Props) {
  const [older, setOlder] = useState<FeedbackItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => { setOlder([]); setCursor(data?.nextCursor ?? null); setOpen(null); }, [data]);
  const loadOlder = async () => {
    if (!pageUrl || !cursor) return;
    const r = await api.get<Feedback>(`${pageUrl}&cursor=${encodeURIComponent(cursor)}`);
    if (!r.ok) return;
    setOlder((o) => [...o, ...r.data.items]);
    setCursor(r.data.nextCursor);
  };
  const items = data ? [...data.items, ...older] : [];
  return (
    <section class="card" aria-labelledby="fb-h">
      <h2 id="fb-h">留言与意见箱 · Comments and suggestions</h2>
      <form class="filters inline" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>搜索 Search<input type="search" value={state.q} placeholder="关键词 keyword" onChange={(e) => set({ q: value(e) })} /></label>
        <label>评价 Score
          <select value={state.score} onChange={(e) => set({ score: value(e), category: '' })}>
            <option value="">全部 All</option>
            {([5, 4, 3, 2, 1] as Score[]).map((s) => <option key={s} value={String(s)}>{s} {level(s).zh}</option>)}
          </select>
        </label>
        <label>意见类别 Category
          <select value={state.category} onChange={(e) => set({ category: value(e), score: '' })}>
            <option value="">全部 All</option>
            {Object.entries(CATEGORY_LABELS).map(([k, l]) => <option key={k} value={k}>{l.zh} {l.en}</option>)}
          </select>
        </label>
      </form>
      {data && data.items.length === 0 && <p class="muted">没有符合条件的留言 · Nothing matches.</p>}
      <ol class="feedback">
        {items.map((it) => (
          <li key={it.id} class={it.score !== null && it.score <= 2 ? 'bad' : ''}>
            <div class="meta">
              <time dateTime={it.at}>{localTime(it.at, data?.timeZone ?? "Asia/Shanghai")}</time>
              {it.kind === 'response'
                ? <span class={`tag s${it.score}`}>{it.score} {level(it.score as Score).zh}</span>
                : <span class="tag cat">{CATEGORY_LABELS[it.category ?? '']?.zh ?? it.category}</span>}
              <button type="button" class="linklike" onClick={() => set({ window: it.windowId })}>{it.windowLabel}</button>
              {it.staffId && <button type="button" class="linklike" onClick={() => set({ staff: it.staffId! })}>{it.staffLabel}</button>}
              {it.phone && <span class="phone">{contactIcon(it.phone)} {it.phone}</span>}
              {it.flags.map((f) => <span key={f} class="tag flag" title={f}>{flagLabel(f)}</span>)}
            </div>
            {it.reasons.length > 0 && <div class="reasons">{it.reasons.map(reasonLabel).join(' · ')}</div>}
            <p class="text">{it.text || FEEDBACK_TEXT.noComment.zh}</p>
            <button type="button" class="linklike" aria-expanded={open === it.id} onClick={() => setOpen(open === it.id ? null : it.id)}>
              {open === it.id ? FEEDBACK_TEXT.close.zh : FEEDBACK_TEXT.open.zh}
            </button>
            {open === it.id && data && <FeedbackItemDetail kind={it.kind} id={it.id} timeZone={data.timeZone} />}
          </li>
        ))}
      </ol>
      {data && (cursor
        ? <button type="button" onClick={() => void loadOlder()}>{FEEDBACK_TEXT.more.zh} · {FEEDBACK_TEXT.more.en}</button>
        : items.length > 0 && <p class="muted">{FEEDBACK_TEXT.end.zh} · {FEEDBACK_TEXT.end.en}</p>)}
    </section>
  );
}
