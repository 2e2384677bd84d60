/** The dashboard's keys: views, date presets, categories; their text is in i18n/dashboard.ts. */
import type { Lang } from '../i18n/dict';
import { SUGGESTION_CATEGORIES } from '../../shared/wire';
import type { RateKind } from '../../shared/metrics';
import { dashboardText } from '../i18n/dashboard';
import type { InsightsKey } from '../i18n/insights';

export const VIEWS = ['overview', 'ranking', 'when', 'why', 'month', 'insights', 'cases'] as const;
export type View = (typeof VIEWS)[number];

export const INSIGHT_TABS = ['compare', 'warnings', 'categories', 'themes', 'bulletin'] as const satisfies readonly InsightsKey[];
export type InsightTab = (typeof INSIGHT_TABS)[number];

export const PRESETS = ['today', '7d', '30d', 'thisMonth', 'lastMonth'] as const;

export const CATEGORIES = SUGGESTION_CATEGORIES;

/** Monday … Sunday, short, in a language (周一 / Mon). */
export function weekdayNames(lang: Lang): string[] {
  const f = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => f.format(Date.UTC(2024, 0, 1 + i))); // 2024-01-01 was a Monday
}

/** "满意率（≥4 / 全部）": a rate's name with its rule, in a language. */
export function rateName(k: RateKind, lang: Lang): string {
  return dashboardText(lang)[`rateRule_${k}`];
}
