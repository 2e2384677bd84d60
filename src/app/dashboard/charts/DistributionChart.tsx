import type { DailyStats } from '../../../shared/api';
import { LEVELS } from '../../../shared/scale';
import { LEVEL_COLOURS } from '../palette';
import { useLang, useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { staffText } from '../../i18n/staff';
import { fill, pick } from '../../i18n/use';
import { countAxis } from './axes';
import { useChart } from './useChart';

/** The five levels per day as stacked bars, worst at the bottom. */
export function DistributionChart({ stats }: { stats: DailyStats }) {
  const lang = useLang();
  const t = useTexts(dashboardText);
  const s = useTexts(staffText);
  const canvas = useChart(() => ({
    type: 'bar',
    data: {
      labels: stats.days.map((d) => d.day.slice(5)),
      datasets: [...LEVELS].reverse().map((l) => ({
        label: `${l.score} ${pick(l, lang)}`,
        backgroundColor: LEVEL_COLOURS[l.score - 1],
        borderColor: '#ffffff', borderWidth: { top: 1 },
        data: stats.days.map((d) => d.counts[l.score - 1]!),
      })),
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: { x: { stacked: true }, y: { stacked: true, ...countAxis(s.ratings) } },
    },
  }), [stats, lang]);
  return (
    <div class="chart-box">
      <canvas ref={canvas} role="img" aria-label={fill(t.chartRange, { what: t.levelsPerDay, from: stats.from, to: stats.to })} />
    </div>
  );
}
