/**
 * The follow-up list of a hall: cases opened in the dashboard's range, of its window and staff member, sorted by
 * deadline; due-today and overdue cases stand out; a case opens in place.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../common/api';
import { useSending } from '../../common/sending';
import { CaseListSchema, type CaseSummary } from '../../../shared/api';
import { CASE_STATES, caseEnded } from '../../../shared/cases/machine';
import { CASE_STATE_TEXT, CASE_TEXT as T, DUE_TEXT, KIND_TEXT, caseErrorText, caseStateLabel } from '../../i18n/followup-dashboard';
import { useLang, usePick } from '../../i18n/lang';
import { fill } from '../../i18n/use';
import type { Failure } from '../../i18n/format';
import { CasePage } from './CasePage';
import { Figures, useCaseFigures } from './Figures';
import { caseParam, dueTime, setCaseParam, shortTime } from './util';
import { mayManageCases, type StepUser } from './steps';

/** The list's own filters; the range, window and staff member are the dashboard's. */
interface Filter { state: string; due: string; assignee: string }

export interface CasesScope { siteId: string; from: string; to: string; window: string; staff: string }

export function CasesView({ scope, user }: { scope: CasesScope; user: StepUser }) {
  const { siteId, from, to } = scope;
  const bi = usePick();
  const lang = useLang();
  const [open, setOpen] = useState<string | null>(caseParam());
  const [filter, setFilter] = useState<Filter>({ state: 'open', due: '', assignee: '' });
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<Failure | null>(null);
  const [reload, setReload] = useState(0);
  // One page at a time: a double click on 更多 would add the same page twice.
  const more = useSending();
  /** The list's current query; an answer to an earlier one (a filter changed while it was in flight) is dropped. */
  const generation = useRef(0);

  const query = (cursor: string | null) => {
    const p = new URLSearchParams({ site: siteId, from, to });
    for (const [k, v] of Object.entries({ ...filter, window: scope.window, staff: scope.staff })) if (v) p.set(k, v);
    if (cursor) p.set('cursor', cursor);
    return `/api/v1/cases?${p}`;
  };
  const load = async (cursor: string | null) => {
    const g = cursor ? generation.current : ++generation.current;
    const r = await api.get(query(cursor), CaseListSchema);
    if (g !== generation.current) return;
    if (!r.ok) return setError(r);
    setError(null);
    setItems((prev) => (cursor ? [...prev, ...r.data.items] : r.data.items));
    setNext(r.data.nextCursor);
    setTotal(r.data.total);
  };
  useEffect(() => { void load(null); }, [siteId, from, to, scope.window, scope.staff, filter, reload]);
  // The figures and the case export are the supervisor's (staff would get a 403).
  const manager = mayManageCases(user);
  const figures = useCaseFigures(siteId, manager ? from : null, manager ? to : null, reload);
  const show = (n: string | null) => { setCaseParam(n); setOpen(n); if (n === null) setReload((x) => x + 1); };

  if (open) return <CasePage number={open} user={user} onBack={() => show(null)} />;
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
        <label>{bi(T.assignee)}<input value={filter.assignee} onChange={(e) => setFilter({ ...filter, assignee: (e.target as HTMLInputElement).value.trim() })} /></label>
        {manager && <a class="csv btn secondary btn-link" href={`/api/v1/cases.csv?${new URLSearchParams({ site: siteId, from, to })}`}>{bi(T.export)}</a>}
      </div>
      {error && <p class="error" role="alert">{caseErrorText(lang, error)}</p>}
      <p class="muted">{fill(bi(T.caseCount), { n: total })}</p>
      {items.length === 0 ? <p class="muted">{bi(T.none)}</p> : (
        <div class="table-scroll">
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
                <td>{bi(c.windowNames)}</td>
                <td>{c.staffNames ? bi(c.staffNames) : '—'}</td>
                <td>{bi(caseStateLabel(c))}{c.appeal === 'pending' ? ` · ${bi(T.appeal)}` : ''}</td>
                <td>{c.assignee ?? '—'}</td>
                <td>{c.due !== 'done' && <span class={`due-badge ${c.due}`}>{bi(DUE_TEXT[c.due])}</span>} {dueTime(!caseEnded(c.state) && c.callbackDueAt && !c.callOutcome ? c.callbackDueAt : c.dueAt, c.timeZone)}</td>
                <td>{shortTime(c.openedAt, c.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {next && <button type="button" disabled={more.busy} onClick={() => void more.send(() => load(next))}>{bi(T.more)}</button>}
    </section>
  );
}
