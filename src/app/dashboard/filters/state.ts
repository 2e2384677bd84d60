/** The dashboard's filter and view, kept in the URL so a view can be shared, bookmarked and reloaded. */
import { useState } from 'preact/hooks';
import { presetRange, siteDay, isDay, MONTH_RE, type RangePreset } from '../../../shared/time';
import type { RateKind } from '../../../shared/metrics';
import { VIEWS, PRESETS, INSIGHT_TABS, type View, type InsightTab } from '../text';

export interface DashState {
  view: View;
  /** The insights view's tab. */
  tab: InsightTab;
  /** A preset, or 'custom' with from/to. */
  range: RangePreset | 'custom';
  from: string;
  to: string;
  site: string;
  window: string;
  staff: string;
  suspect: boolean;
  rate: RateKind;
  q: string;
  category: string;
  score: string;
  /** The month of the month report and the 通报; '' for each one's own default. */
  month: string;
}

const DEFAULTS: DashState = {
  view: 'overview', tab: 'compare', range: '30d', from: '', to: '', site: '', window: '', staff: '', suspect: false, rate: 'satisfaction', q: '', category: '', score: '', month: '',
};

function read(): DashState {
  const p = new URLSearchParams(location.search);
  const s = { ...DEFAULTS };
  const view = p.get('view');
  if (view && (VIEWS as readonly string[]).includes(view)) s.view = view as View;
  const tab = p.get('tab');
  if (tab && (INSIGHT_TABS as readonly string[]).includes(tab)) s.tab = tab as InsightTab;
  const range = p.get('range');
  if (range && ((PRESETS as readonly string[]).includes(range) || range === 'custom')) s.range = range as DashState['range'];
  const from = p.get('from'), to = p.get('to');
  if (from && to && isDay(from) && isDay(to)) { s.from = from; s.to = to; if (!range) s.range = 'custom'; }
  for (const k of ['site', 'window', 'staff', 'q', 'category', 'score'] as const) s[k] = p.get(k) ?? '';
  const month = p.get('month');
  if (month && MONTH_RE.test(month)) s.month = month;
  s.suspect = p.get('suspect') === '1';
  const rate = p.get('rate');
  if (rate === 'good' || rate === 'bad') s.rate = rate;
  return s;
}

function write(s: DashState): void {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(s) as [keyof DashState, DashState[keyof DashState]][]) {
    if (k === 'from' || k === 'to') continue;
    if (v !== DEFAULTS[k] && v !== '') p.set(k, v === true ? '1' : String(v));
  }
  if (s.range === 'custom') { p.set('from', s.from); p.set('to', s.to); }
  const qs = p.toString();
  history.replaceState(null, '', `${location.pathname}${qs ? `?${qs}` : ''}`);
}

/** The state and a setter that merges a change and writes the URL. */
export function useDashState(): [DashState, (change: Partial<DashState>) => void] {
  const [state, setState] = useState<DashState>(read);
  const set = (change: Partial<DashState>) => setState((prev) => {
    const next = { ...prev, ...change };
    write(next);
    return next;
  });
  return [state, set];
}

/** The day range the state means today in the site's time zone. */
export function resolveRange(s: DashState, timeZone: string): { from: string; to: string } {
  if (s.range === 'custom' && s.from && s.to) return { from: s.from, to: s.to };
  return presetRange(s.range === 'custom' ? '30d' : s.range, siteDay(Date.now(), timeZone));
}
