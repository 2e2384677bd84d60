/** Dashboard wording: Chinese first, English beside it. */
import type { RateKind } from '../../shared/metrics';
import { RATE_LABELS } from '../../shared/metrics';

export type Bi = { zh: string; en: string };

/** "满意率 Satisfaction rate" */
export const bi = (t: Bi): string => `${t.zh} ${t.en}`;

export const RATE_RULE: Record<RateKind, string> = { satisfaction: '≥4', good: '≥3', bad: '≤2' };

export function rateName(k: RateKind): string {
  return `${RATE_LABELS[k].zh} ${RATE_LABELS[k].en} (${RATE_RULE[k]} / all)`;
}

export const VIEWS = {
  overview: { zh: '每日趋势', en: 'Daily' },
  ranking: { zh: '排名与星级', en: 'Ranking' },
  when: { zh: '时段分布', en: 'When' },
  why: { zh: '原因与留言', en: 'Why' },
  month: { zh: '月度报表', en: 'Month report' },
  insights: { zh: '洞察与预警', en: 'Insights' },
  cases: { zh: '回访整改', en: 'Follow-up' },
} satisfies Record<string, Bi>;
export type View = keyof typeof VIEWS;

export const PRESETS = {
  today: { zh: '今天', en: 'Today' },
  '7d': { zh: '近7天', en: '7 days' },
  '30d': { zh: '近30天', en: '30 days' },
  thisMonth: { zh: '本月', en: 'This month' },
  lastMonth: { zh: '上月', en: 'Last month' },
} satisfies Record<string, Bi>;

export const CATEGORY_LABELS: Record<string, Bi> = {
  suggestion: { zh: '建议', en: 'Suggestion' },
  complaint: { zh: '投诉', en: 'Complaint' },
  praise: { zh: '表扬', en: 'Praise' },
  question: { zh: '咨询', en: 'Question' },
};

export const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'].map((d, i) => ({ zh: `周${d}`, en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][i]! }));
