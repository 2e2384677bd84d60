import { useState } from 'preact/hooks';
import { BulletinSchema, CommentsReportSchema, CompareReportSchema, ThemesReportSchema, WarningsReportSchema } from '../../../shared/api';
import { insightsText } from '../../i18n/insights';
import { useTexts } from '../../i18n/lang';
import { staffText } from '../../i18n/staff';
import { errorText } from '../../i18n/format';
import { useApi } from '../useApi';
import { CompareView } from './CompareView';
import { WarningsView } from './WarningCard';
import { CategoriesView } from './CategoriesView';
import { ThemesView } from './ThemesView';
import { BulletinView } from './BulletinView';
import { INSIGHT_TABS, type InsightTab } from '../text';
import './insights.css';

/** The insights view: comparison, early warning, categories, themes and the monthly 通报 (of `month`), on the dashboard's filter. */
export function InsightsView({ query, role, tab, onTab, month }: { query: string; role: string; tab: InsightTab; onTab: (tab: InsightTab) => void; month: string }) {
  const tx = useTexts(insightsText);
  const s = useTexts(staffText);
  const [reload, setReload] = useState(0);
  const url = (path: string, on: boolean, extra = '') => (on ? `/api/v1/insights/${path}?${query}${extra}` : null);
  const compare = useApi(url('compare', tab === 'compare'), CompareReportSchema);
  const warnings = useApi(url('warnings', tab === 'warnings'), WarningsReportSchema);
  const comments = useApi(url('comments', tab === 'categories', `&r=${reload}`), CommentsReportSchema);
  const themes = useApi(url('themes', tab === 'themes'), ThemesReportSchema);
  const bulletin = useApi(url('bulletin', tab === 'bulletin', `&month=${month}`), BulletinSchema);
  const current = { compare, warnings, categories: comments, themes, bulletin }[tab];
  return (
    <div class="insights">
      <nav class="presets insights-tabs no-print" aria-label={tx.compare}>
        {INSIGHT_TABS.map((t) => (
          <button key={t} type="button" class="chip" aria-pressed={tab === t} onClick={() => onTab(t)}>{tx[t]}</button>
        ))}
      </nav>
      {current.state === 'error' && <p class="error" role="alert">{errorText(s, current.failure)}</p>}
      {current.state === 'loading' && <p class="muted" aria-live="polite">…</p>}
      {tab === 'compare' && compare.state === 'ok' && <CompareView data={compare.data} />}
      {tab === 'warnings' && warnings.state === 'ok' && <WarningsView data={warnings.data} />}
      {tab === 'categories' && comments.state === 'ok' && <CategoriesView data={comments.data} canCorrect={role !== 'staff'} onChanged={() => setReload(reload + 1)} />}
      {tab === 'themes' && themes.state === 'ok' && <ThemesView data={themes.data} />}
      {tab === 'bulletin' && bulletin.state === 'ok' && <BulletinView data={bulletin.data} />}
    </div>
  );
}
