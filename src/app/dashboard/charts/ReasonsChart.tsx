import type { ChartConfiguration } from 'chart.js';
import type { Reasons } from '../../../shared/api';
import type { Lang } from '../../i18n/dict';
import { LEVEL_COLOURS } from '../palette';
import { useLang, useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { pick } from '../../i18n/use';
import { countAxis } from './axes';
import { useChart } from './useChart';

/** The reasons chart: one bar per reason, counted on whole-number ticks. */
export function reasonsConfig(data: Reasons, lang: Lang): ChartConfiguration {
  const t = dashboardText(lang);
  return {
    type: 'bar',
    data: {
      labels: data.reasons.map((r) => pick(r, lang)),
      datasets: [{ label: t.reasonTimes, backgroundColor: LEVEL_COLOURS[0], data: data.reasons.map((r) => r.n) }],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { x: countAxis(t.count) },
    },
  };
}

/** Reasons of bad reviews, most frequent on top. */
export function ReasonsChart({ data }: { data: Reasons }) {
  const lang = useLang();
  const t = useTexts(dashboardText);
  const canvas = useChart(() => reasonsConfig(data, lang), [data, lang]);
  return (
    <div class="chart-box reasons-box">
      <canvas ref={canvas} role="img" aria-label={t.reasonsTitle} />
    </div>
  );
}
