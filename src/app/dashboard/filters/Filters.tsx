import type { Subjects } from '../../../server/stats/types';
import type { DashState } from './state';
import { PRESETS, bi } from '../text';

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
  const windows = subjects.windows.filter((w) => w.siteId === siteId);
  const staff = subjects.staff.filter((s) => s.siteId === siteId);
  return (
    <section class="card filters" aria-label="筛选 Filters">
      <div class="presets" role="group" aria-label="日期范围 Date range">
        {(Object.keys(PRESETS) as (keyof typeof PRESETS)[]).map((p) => (
          <button key={p} type="button" class="chip" aria-pressed={state.range === p} onClick={() => set({ range: p })}>{PRESETS[p].zh}<span class="en-inline"> {PRESETS[p].en}</span></button>
        ))}
      </div>
      <label>开始 From<input type="date" value={from} max={to} onChange={(e) => set({ range: 'custom', from: value(e), to })} /></label>
      <label>结束 To<input type="date" value={to} min={from} onChange={(e) => set({ range: 'custom', from, to: value(e) })} /></label>
      {subjects.sites.length > 1 && (
        <label>大厅 Hall
          <select value={siteId} onChange={(e) => set({ site: value(e), window: '', staff: '' })}>
            {subjects.sites.map((s) => <option key={s.id} value={s.id}>{s.name.zh}</option>)}
          </select>
        </label>
      )}
      <label>窗口 Window
        <select value={state.window} onChange={(e) => set({ window: value(e) })}>
          <option value="">全部窗口 All</option>
          {windows.map((w) => <option key={w.id} value={w.id}>{w.number} {w.name.zh}</option>)}
        </select>
      </label>
      <label>人员 Staff
        <select value={state.staff} onChange={(e) => set({ staff: value(e) })}>
          <option value="">全部人员 All</option>
          {staff.map((s) => <option key={s.id} value={s.id}>{s.name}（{s.staffNumber}）</option>)}
        </select>
      </label>
      <label class="toggle">
        <input type="checkbox" checked={state.suspect} onChange={(e) => set({ suspect: (e.target as HTMLInputElement).checked })} />
        <span>含可疑评价 Include suspect{suspectCount !== null ? `（${suspectCount}）` : ''}</span>
      </label>
      <p class="muted range-note">{bi({ zh: '范围', en: 'Range' })}: {from} – {to}</p>
    </section>
  );
}
