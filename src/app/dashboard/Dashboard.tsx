import type { Me } from '../common/api';
import { DailyStatsSchema, FeedbackSchema, HeatmapSchema, MonthReportSchema, RankingSchema, ReasonsSchema, SubjectsSchema } from '../../shared/api';
import { useLang, useTexts } from '../i18n/lang';
import { staffText } from '../i18n/staff';
import { dashboardText } from '../i18n/dashboard';
import { errorText } from '../i18n/format';
import { pick } from '../i18n/use';
import { monthRange, previousMonth, siteDay } from '../../shared/time';
import { TopBar } from '../common/TopBar';
import { useApi, type Loaded } from './useApi';
import { useDashState, resolveRange } from './filters/state';
import { Filters, MonthFilters } from './filters/Filters';
import { Overview } from './views/Overview';
import { RankingView } from './views/RankingView';
import { WhenView } from './views/WhenView';
import { WhyView } from './views/WhyView';
import { MonthView } from './views/MonthView';
import { VIEWS } from './text';
import { NamesContext, namesOf } from './names';
import { InsightsView } from './insights/InsightsView';
import { RateComparisons } from './insights/RateComparisons';
import { CasesView } from './cases/CasesView';
import { Bell } from './bell/Bell';
import { CaseMonthSection } from './cases/MonthSection';

const ok = <T,>(l: Loaded<T>): T | null => (l.state === 'ok' ? l.data : null);

/** The supervisor's view: filters in the URL, five views (daily, ranking, when, why, month report). */
export function Dashboard({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const lang = useLang();
  const s = useTexts(staffText);
  const t = useTexts(dashboardText);
  const [state, set] = useDashState();
  const subjectsLoad = useApi('/api/v1/stats/subjects', SubjectsSchema);
  const subjects = ok(subjectsLoad);
  const site = subjects?.sites.find((x) => x.id === state.site) ?? subjects?.sites[0];
  const today = siteDay(Date.now(), site?.timeZone ?? 'Asia/Shanghai');
  // A report made for a calendar month: the month report (this month unless another is picked) and the 通报 (last month's).
  const bulletin = state.view === 'insights' && state.tab === 'bulletin';
  const monthly = state.view === 'month' || bulletin;
  const month = state.month || (bulletin ? previousMonth(today.slice(0, 7)) : today.slice(0, 7));
  // On a month's report the other figures asked for (the suspect count) are the month's too.
  const { from, to } = monthly ? monthRange(month) : resolveRange(state, site?.timeZone ?? 'Asia/Shanghai');
  // A month's report is the whole hall's: the window and staff member picked for the other views are not asked for.
  const windowId = monthly ? '' : state.window, staffId = monthly ? '' : state.staff;
  const base = site ? new URLSearchParams({
    site: site.id, from, to, ...(windowId ? { window: windowId } : {}), ...(staffId ? { staff: staffId } : {}), ...(state.suspect ? { suspect: '1' } : {}),
  }).toString() : null;
  const url = (path: string, when: boolean, extra: Record<string, string> = {}) => {
    if (!base || !when) return null;
    const more = new URLSearchParams(Object.entries(extra).filter(([, v]) => v !== '')).toString();
    return `/api/v1/stats/${path}?${base}${more ? `&${more}` : ''}`;
  };
  const daily = useApi(url('daily', true), DailyStatsSchema);
  const ranking = useApi(url('ranking', state.view === 'ranking'), RankingSchema);
  const heat = useApi(url('heatmap', state.view === 'when'), HeatmapSchema);
  const reasons = useApi(url('reasons', state.view === 'why'), ReasonsSchema);
  const feedbackUrl = url('feedback', state.view === 'why', { q: state.q, category: state.category, score: state.score });
  const feedback = useApi(feedbackUrl, FeedbackSchema);
  const report = useApi(url('month', state.view === 'month', { month }), MonthReportSchema);
  const current = { overview: daily, ranking, when: heat, why: reasons, month: report, cases: daily, insights: daily }[state.view];

  return (
    <NamesContext.Provider value={namesOf(subjects, lang)}>
      <TopBar title={`${s.dashboard}${site ? ` · ${pick(site.name, lang)}` : ''}`} me={me} onSignOut={onSignOut}>
        <Bell me={me.user.username} />{/* staff see the alerts addressed to them (a case assigned to them); others their halls' */}
        {me.user.role === 'admin' && <a href="/admin">{s.admin}</a>}
      </TopBar>
      <nav class="tabs" aria-label={t.views}>
        {VIEWS.map((v) => (
          <a key={v} href={`?view=${v}`} aria-current={state.view === v ? 'page' : undefined} onClick={(e) => { e.preventDefault(); set({ view: v }); }}>
            {t[`view_${v}`]}
          </a>
        ))}
      </nav>
      <main class="page">
        {subjects && site && !monthly && (
          <Filters state={state} set={set} subjects={subjects} siteId={site.id} from={from} to={to} suspectCount={ok(daily)?.suspectCount ?? null} />
        )}
        {subjects && site && monthly && (
          // The 通报 counts without suspect ratings, whatever the toggle says.
          <MonthFilters state={state} set={set} subjects={subjects} siteId={site.id} month={month} suspectCount={bulletin ? false : ok(daily)?.suspectCount ?? null} />
        )}
        {subjects && !site && <p class="error" role="alert">{t.noHall}</p>}
        {subjectsLoad.state === 'error' && <p class="error" role="alert">{errorText(s, subjectsLoad.failure)}</p>}
        {current.state === 'error' && <p class="error" role="alert">{errorText(s, current.failure)}</p>}
        {current.state === 'loading' && subjectsLoad.state !== 'error' && <p class="muted" aria-live="polite">{s.loading}</p>}
        {state.view === 'overview' && base && <RateComparisons query={base} />}
        {state.view === 'overview' && ok(daily) && <Overview stats={ok(daily)!} rate={state.rate} onRate={(rate) => set({ rate })} />}
        {state.view === 'ranking' && ok(ranking) && (
          <RankingView data={ok(ranking)!} onWindow={(window) => set({ window, view: 'overview' })} onStaff={(staff) => set({ staff, view: 'overview' })} />
        )}
        {state.view === 'when' && ok(heat) && <WhenView data={ok(heat)!} />}
        {state.view === 'why' && <WhyView reasons={ok(reasons)} feedback={ok(feedback)} state={state} set={set} feedbackUrl={feedbackUrl} />}
        {state.view === 'cases' && site && <CasesView scope={{ siteId: site.id, from, to, window: state.window, staff: state.staff }} user={me.user} />}
        {state.view === 'month' && ok(report) && (
          <MonthView data={ok(report)!} csvUrl={`/api/v1/stats/month.csv?${base}&month=${month}`} />
        )}
        {state.view === 'month' && site && me.user.role !== 'staff' && <CaseMonthSection siteId={site.id} month={month} />}
        {state.view === 'insights' && base && <InsightsView query={base} role={me.user.role} tab={state.tab} onTab={(tab) => set({ tab })} month={month} />}
      </main>
    </NamesContext.Provider>
  );
}
