import type { Subjects } from '../../../shared/api';
import type { DashState } from './state';
import { PRESETS } from '../text';
import { useLang, useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { staffText } from '../../i18n/staff';
import { fill, pick } from '../../i18n/use';
import { monthName, staffName, windowName } from '../../i18n/format';
import { monthRange } from '../../../shared/time';

interface Props {
  state: DashState;
  set: (c: Partial<DashState>) => void;
  subjects: Subjects;
  siteId: string;
  from: string;
  to: string;
  suspectCount: number | null;
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

/** Date presets, custom range, site, window, staff member and the suspect toggle. */
export function Filters({ state, set, subjects, siteId, from, to, suspectCount }: Props) {
  const lang = useLang();
  const t = useTexts(dashboardText);
  const s = useTexts(staffText);
  const windows = subjects.windows.filter((w) => w.siteId === siteId);
  const staff = subjects.staff.filter((x) => x.siteId === siteId);
  return (
    <section class="card filters" aria-label={t.filters}>
      <div class="presets" role="group" aria-label={t.dateRange}>
        {PRESETS.map((p) => (
          <button key={p} type="button" class="chip" aria-pressed={state.range === p} onClick={() => set({ range: p })}>{t[`preset_${p}`]}</button>
        ))}
      </div>
      <label>{t.rangeFrom}<input type="date" value={from} max={to} onChange={(e) => set({ range: 'custom', from: value(e), to })} /></label>
      <label>{t.rangeTo}<input type="date" value={to} min={from} onChange={(e) => set({ range: 'custom', from, to: value(e) })} /></label>
      <SiteSelect subjects={subjects} siteId={siteId} set={set} />
      <label>{s.window}
        <select value={state.window} onChange={(e) => set({ window: value(e) })}>
          <option value="">{s.allWindows}</option>
          {windows.map((w) => <option key={w.id} value={w.id}>{windowName(w, lang)}</option>)}
        </select>
      </label>
      <label>{s.staff}
        <select value={state.staff} onChange={(e) => set({ staff: value(e) })}>
          <option value="">{s.allStaff}</option>
          {staff.map((x) => <option key={x.id} value={x.id}>{staffName(s, x, x.id)}</option>)}
        </select>
      </label>
      <SuspectToggle state={state} set={set} suspectCount={suspectCount} />
      <p class="muted range-note">{fill(t.range, { from, to })}</p>
    </section>
  );
}

/**
 * The filter of a report made for a calendar month (the month report, the 通报): the hall, the month and, where the
 * report can include them, suspect ratings. A day range, window or staff member would not change such a report.
 */
export function MonthFilters({ state, set, subjects, siteId, month, suspectCount }: Omit<Props, 'from' | 'to' | 'suspectCount'> & { month: string; suspectCount: number | null | false }) {
  const lang = useLang();
  const t = useTexts(dashboardText);
  const { from, to } = monthRange(month);
  return (
    <section class="card filters" aria-label={t.filters}>
      <SiteSelect subjects={subjects} siteId={siteId} set={set} />
      <label>{t.month}<input type="month" value={month} onChange={(e) => set({ month: value(e) })} /></label>
      {suspectCount !== false && <SuspectToggle state={state} set={set} suspectCount={suspectCount} />}
      <p class="muted range-note" data-testid="month-covered">{fill(t.monthCovered, { month: monthName(month, lang) })}<span class="nowrap">{fill(t.monthDays, { from, to })}</span></p>
    </section>
  );
}

function SiteSelect({ subjects, siteId, set }: Pick<Props, 'subjects' | 'siteId' | 'set'>) {
  const lang = useLang();
  const s = useTexts(staffText);
  if (subjects.sites.length < 2) return null;
  return (
    <label>{s.hall}
      <select value={siteId} onChange={(e) => set({ site: value(e), window: '', staff: '' })}>
        {subjects.sites.map((x) => <option key={x.id} value={x.id}>{pick(x.name, lang)}</option>)}
      </select>
    </label>
  );
}

function SuspectToggle({ state, set, suspectCount }: Pick<Props, 'state' | 'set' | 'suspectCount'>) {
  const t = useTexts(dashboardText);
  return (
    <label class="toggle">
      <input type="checkbox" checked={state.suspect} onChange={(e) => set({ suspect: (e.target as HTMLInputElement).checked })} />
      <span>{t.includeSuspect}{suspectCount !== null ? fill(t.suspectCount, { n: suspectCount }) : ''}</span>
    </label>
  );
}
