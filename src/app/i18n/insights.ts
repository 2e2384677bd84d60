/** Strings of the dashboard's insights (comparison, early warning, categories, themes, the monthly 通报), zh-CN and English. */
import { dictionary, type Texts } from './dict';

const zh = {
  compare: '对比与区间',
  warnings: '预警',
  categories: '留言分类',
  themes: '热点主题',
  bulletin: '月度通报',
  vsPrevious: '环比',
  vsLastYear: '同比',
  up: '上升',
  down: '下降',
  withinChance: '变化在随机波动范围内',
  tooFew: '评价太少，无法判断',
  noBaseline: '无对比数据',
  interval: '95% 区间',
  sortByRate: '按满意率排序',
  sortByLower: '按区间下限排序',
  ratings: '评价数',
  satisfaction: '满意率',
  name: '名称',
  statsNote: '区间为 Wilson 95% 置信区间；升降箭头仅在双比例 z 检验 p < α 时显示',
  noWarnings: '没有窗口或人员的满意率显著低于自身基线',
  warningTitle: '满意率下降预警',
  since: '起始日期',
  signalled: '预警日期',
  pLabel: '检验 p 值',
  baseline: '基线（前8周）',
  recent: '起始以来',
  monitored: '监测期',
  colon: '：',
  reasonsGrew: '增多的原因',
  perHundred: '每百条评价',
  ruleNote: 'CUSUM 规则：基线为前 8 周，备择为不满意几率翻倍，累计对数似然比达到阈值即预警',
  steady: '平稳',
  comment: '留言',
  correct: '更正分类',
  save: '保存',
  cancel: '取消',
  corrected: '已更正',
  rulesSaid: '规则判定',
  suggested: '建议新增关键词',
  noComments: '本期没有留言',
  themesLegend: '数字为本期含该词的留言条数；其后为它在全部留言中占比的变化（百分点），括号内为上期条数。',
  thisPeriod: '本期',
  previousPeriod: '上期',
  change: '变化',
  newTheme: '新出现',
  examples: '例句',
  points: '个百分点',
  bulletinTitle: '政务服务“好差评”情况通报',
  period: '通报期间',
  overall: '总体情况',
  windowRanking: '窗口排名',
  staffRanking: '工作人员排名',
  rank: '名次',
  rankChange: '名次变化',
  grade: '星级',
  interview: '连续两个月排名末位（约谈）',
  vetoes: '一票否决',
  none: '无',
  topThemes: '群众留言热点',
  earlyWarnings: '满意率下降预警',
  issuer: '签发',
  sealLine: '（盖章）',
  issuedOn: '日期',
  print: '打印 / 导出 PDF',
  notRanked: '样本不足',
} as const;

export type InsightsKey = keyof typeof zh;

const en: Texts<typeof zh> = {
  compare: 'Comparison',
  warnings: 'Early warning',
  categories: 'Comment categories',
  themes: 'Themes',
  bulletin: 'Monthly bulletin',
  vsPrevious: 'vs previous period',
  vsLastYear: 'vs last year',
  up: 'up',
  down: 'down',
  withinChance: 'within chance',
  tooFew: 'too few ratings to say',
  noBaseline: 'nothing to compare with',
  interval: '95% interval',
  sortByRate: 'Sort by rate',
  sortByLower: 'Sort by lower bound',
  ratings: 'Ratings',
  satisfaction: 'Satisfaction',
  name: 'Name',
  statsNote: 'Intervals are Wilson 95% score intervals; an arrow appears only when the two-proportion z-test gives p < α',
  noWarnings: 'No window or staff member is below their own baseline beyond chance',
  warningTitle: 'Satisfaction falling',
  since: 'Since',
  signalled: 'Flagged on',
  pLabel: 'Test p-value',
  baseline: 'Baseline (previous 8 weeks)',
  recent: 'Since the change',
  monitored: 'Monitored',
  colon: ': ',
  reasonsGrew: 'Reasons that grew',
  perHundred: 'per 100 ratings',
  ruleNote: 'CUSUM rule: baseline of the previous 8 weeks, alternative doubles the odds of an unsatisfied rating; flagged when the cumulative log-likelihood ratio reaches the threshold',
  steady: 'steady',
  comment: 'Comment',
  correct: 'Correct categories',
  save: 'Save',
  cancel: 'Cancel',
  corrected: 'Corrected',
  rulesSaid: 'Rules said',
  suggested: 'Suggested keywords',
  noComments: 'No comments in this period',
  themesLegend: 'The number is this period\'s comments with the term; then the change in their share of all comments, in points, with last period\'s count in brackets.',
  thisPeriod: 'This period',
  previousPeriod: 'Previous period',
  change: 'Change',
  newTheme: 'new',
  examples: 'Examples',
  points: 'points',
  bulletinTitle: 'Public service evaluation bulletin',
  period: 'Period',
  overall: 'Overall',
  windowRanking: 'Windows ranked',
  staffRanking: 'Staff ranked',
  rank: 'Rank',
  rankChange: 'Change in rank',
  grade: 'Grade',
  interview: 'Ranked last two months running (interview)',
  vetoes: 'Vetoes',
  none: 'None',
  topThemes: 'What citizens wrote about',
  earlyWarnings: 'Early warnings',
  issuer: 'Issued by',
  sealLine: '(seal)',
  issuedOn: 'Date',
  print: 'Print / save as PDF',
  notRanked: 'too few ratings',
};

/** Both languages of one string, Chinese first. */
export function ti(key: InsightsKey): { zh: string; en: string } {
  return { zh: zh[key], en: en[key] };
}

/** The insights screens' texts in a language; components read them with `useTexts(insightsText)`. */
export const insightsText = dictionary(zh, en);

/** Sentences of the monthly 通报, which a hall issues in Chinese; the English is for a reader of the code and tests. */
export interface BulletinSentences {
  overall(ratings: number, rate: string, trend: string, minRatings: number): string;
  trendUp(points: string, test: string): string;
  trendDown(points: string, test: string): string;
  withinChance: string;
  pValue(p: string): string;
  tooFewToCompare: string;
  nothingLastMonth: string;
  interview(labels: string): string;
  themeLine(term: string, count: number, note: string): string;
  themeNew: string;
  themeGrew(points: string): string;
  warningLine(label: string, since: string, recent: string, n: number, baseline: string, nBase: number, reasons: string): string;
  reasonsGrew(list: string): string;
  rankNew: string;
  periodLine(month: string, before: string): string;
  windows: string;
  staff: string;
}

export const BULLETIN: Record<'zh' | 'en', BulletinSentences> = {
  zh: {
    overall: (n, rate, trend, min) => `本月共收到群众评价 ${n} 条，满意率 ${rate}，${trend}。星级评定不足 ${min} 条评价的不参与排名。`,
    trendUp: (pts, test) => `环比上升 ${pts} 个百分点（${test}）`,
    trendDown: (pts, test) => `环比下降 ${pts} 个百分点（${test}）`,
    withinChance: '在随机波动范围内',
    pValue: (p) => `双比例检验 p\u00a0${p}`,
    tooFewToCompare: '评价数不足，不作环比',
    nothingLastMonth: '上月无评价，不作环比',
    interview: (labels) => `${labels}连续两个月排名末位，按规定由分管负责人约谈。`,
    themeLine: (term, count, note) => `“${term}” ${count} 条${note}`,
    themeNew: '（新出现）',
    themeGrew: (pts) => `（占比上升 ${pts} 个百分点）`,
    warningLine: (label, since, recent, n, base, nb, reasons) => `${label}：自 ${since} 起满意率 ${recent}（${n} 条），前 8 周基线 ${base}（${nb} 条）${reasons}。`,
    reasonsGrew: (list) => `；增多原因：${list}`,
    rankNew: '新',
    periodLine: (month, before) => `通报期间：${month}（与${before}对比）`,
    windows: '窗口',
    staff: '工作人员',
  },
  en: {
    overall: (n, rate, trend, min) => `${n} ratings this month, satisfaction ${rate}, ${trend}. Subjects with fewer than ${min} ratings are not ranked.`,
    trendUp: (pts, test) => `up ${pts} points on last month (${test})`,
    trendDown: (pts, test) => `down ${pts} points on last month (${test})`,
    withinChance: 'within chance',
    pValue: (p) => `two-proportion test p\u00a0${p}`,
    tooFewToCompare: 'too few ratings to compare',
    nothingLastMonth: 'no ratings last month to compare with',
    interview: (labels) => `${labels} ranked last two months running and will be interviewed by the responsible head.`,
    themeLine: (term, count, note) => `"${term}" ${count}${note}`,
    themeNew: ' (new)',
    themeGrew: (pts) => ` (share up ${pts} points)`,
    warningLine: (label, since, recent, n, base, nb, reasons) => `${label}: satisfaction ${recent} since ${since} (${n} ratings) against ${base} over the previous 8 weeks (${nb})${reasons}.`,
    reasonsGrew: (list) => `; reasons that grew: ${list}`,
    rankNew: 'new',
    periodLine: (month, before) => `Period: ${month} (against ${before})`,
    windows: 'Windows',
    staff: 'Staff',
  },
};

/** Section numbers of an official document: 一、二、三、… */
export const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'] as const;
