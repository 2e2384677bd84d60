/** Themes of a period's comments against the period before. */
import type { Site } from '../../shared/config';
import type { InsightsStore } from '../store/insights';
import { compareThemes } from '../../shared/insights/themes';
import { previousPeriod, type Period } from '../../shared/insights/periods';
import { stopWords } from '../../shared/insights/site';
import { maskForViewer } from '../../shared/insights/categories';
import type { ThemesReport } from '../../shared/insights/wire';
import type { Scope } from './compare';
import { COMMENT_LIMIT, readComments } from './comments';

/** Ranked themes with counts, examples (phone numbers masked; profanity too unless admin) and the change against the previous period. */
export async function themesReport(store: InsightsStore, site: Site, period: Period, scope: Scope, isAdmin: boolean, top = 20): Promise<ThemesReport> {
  const prev = previousPeriod(period);
  const q = { siteId: site.id, windowId: scope.windowId, staffId: scope.staffId, limit: COMMENT_LIMIT };
  const [now, before] = await Promise.all([readComments(store, { ...q, ...period }), readComments(store, { ...q, ...prev })]);
  const themes = compareThemes(now, before, stopWords(site), { top }).map((t) => ({
    ...t, term: maskForViewer(t.term, site.insights.categories, isAdmin), examples: t.examples.map((e) => ({ id: e.id, text: maskForViewer(e.text, site.insights.categories, isAdmin) })),
  }));
  return { siteId: site.id, period, previous: prev, comments: now.length, commentsBefore: before.length, themes };
}
