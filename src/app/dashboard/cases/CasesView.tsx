/** The follow-up list of a hall: filters, sorted by deadline, due-today and overdue cases stand out; a case opens in place. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../common/api';
import { CaseListSchema, type CaseSummary, type Subjects } from '../../../shared/api';
import { CASE_STATES } from '../../../shared/cases/machine';
import { CASE_STATE_TEXT, CASE_TEXT as T, DUE_TEXT, KIND_TEXT } from '../../i18n/followup-dashboard';
import { usePick } from '../../i18n/lang';
import { useNames } from '../names';
import { CasePage } from './CasePage';
import { Figures, useCaseFigures } from './Figures';
import { caseParam, dueTime, setCaseParam, shortTime } from './util';

interface Filter { state: string; due: string; window: string; staff: string; assignee: string }

export function CasesView({ subjects, siteId, from, to }: { subjects: Subjects; siteId: string; from: string; to: string }) {
  const bi = usePick();
  const names = useNames();
  const [open, setOpen] = useState<string | null>(caseParam());
  const [filter, setFilter] = useState<Filter>({ state: 'open', due: '', window: '', staff: '', assignee: '' });
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  const query = (cursor: string | null) => {
    const p = new URLSearchParams({ site: siteId });
    for (const [k, v] of Object.entries(filter)) if (v) p.set(k, v);
    if (cursor) p.set('cursor', cursor);
    return `/api/v1/cases?${p}`;
  };
  const load = async (cursor: string | null) => {
    const r = await api.get(query(cursor), CaseListSchema);
    if (!r.ok) return setError(r.message);
    setError(null);
    setItems((prev) => (cursor ? [...prev, ...r.data.items] : r.data.items));
    setNext(r.data.nextCursor);
    setTotal(r.data.total);
  };
  useEffect(() => { void load(null); }, [siteId, filter, reload]);
  const figures = useCaseFigures(siteId, from, to, reload);
  const show = (n: string | null) => { setCaseParam(n); setOpen(n); if (n === null) setReload((x) => x + 1); };

  if (open) return <CasePage number={open} onBack={() => show(null)} />;
  const sel = (key: keyof Filter, label: string, options: Array<[string, string]>) => (
    <label>{label}
      <select value={filter[key]} onChange={(e) => setFilter({ ...filter, [key]: (e.target as HTMLSelectElement).value })}>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </label>
  );
  return (
    <section class="cases">
      {figures && <Figures report={figures} />}
      <div class="case-filters">
        {sel('state', bi(T.state), [['', bi(T.allStates)], ['open', bi(T.open)], ...CASE_STATES.map((s): [string, string] => [s, bi(CASE_STATE_TEXT[s])])])}
        {sel('due', bi(T.deadline), [['', bi(T.allDue)], ['overdue', bi(DUE_TEXT.overdue)], ['due_today', bi(DUE_TEXT.due_today)]])}
        {sel('window', bi(T.window), [['', '—'], ...subjects.windows.filter((w) => w.siteId === siteId).map((w): [string, string] => [w.id, names.window(w.id)])])}
        {sel('staff', bi(T.staff), [['', '—'], ...subjects.staff.filter((s) => s.siteId === siteId).map((s): [string, string] => [s.id, names.staff(s.id)])])}
        <label>{bi(T.assignee)}<input value={filter.assignee} onChange={(e) => setFilter({ ...filter, assignee: (e.target as HTMLInputElement).value.trim() })} /></label>
        <a class="csv" href={`/api/v1/cases.csv?site=${siteId}&from=${from}&to=${to}`}>{bi(T.export)}</a>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      <p class="muted">{total} · {bi(T.cases)}</p>
      {items.length === 0 ? <p class="muted">{bi(T.none)}</p> : (
        <table class="case-table">
          <thead><tr>
            <th>{bi(T.number)}</th><th>{bi(T.kind)}</th><th>{bi(T.window)}</th><th>{bi(T.staff)}</th><th>{bi(T.state)}</th>
            <th>{bi(T.assignee)}</th><th>{bi(T.deadline)}</th><th>{bi(T.opened)}</th>
          </tr></thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.number} class={`due-${c.due}`} data-case={c.number}>
                <td><a href={`?view=cases&case=${encodeURIComponent(c.number)}`} onClick={(e) => { e.preventDefault(); show(c.number); }}>{c.number}</a></td>
                <td>{bi(KIND_TEXT[c.kind])}{c.score !== null ? ` · ${c.score}★` : ''}{c.needsCallback ? ' ☎' : ''}</td>
                <td>{c.windowLabel}</td>
                <td>{c.staffLabel ?? '—'}</td>
                <td>{bi(CASE_STATE_TEXT[c.state])}{c.appeal === 'pending' ? ` · ${bi(T.appeal)}` : ''}</td>
                <td>{c.assignee ?? '—'}</td>
                <td><span class={`due-badge ${c.due}`}>{bi(DUE_TEXT[c.due])}</span> {dueTime(c.state !== 'closed' && c.callbackDueAt && !c.callOutcome ? c.callbackDueAt : c.dueAt)}</td>
                <td>{shortTime(c.openedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && <button type="button" onClick={() => void load(next)}>{bi(T.more)}</button>}
    </section>
  );
}
