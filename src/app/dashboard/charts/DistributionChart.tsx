import type { DailyStats } from '../../../server/stats/types';
import { LEVELS } from '../../../shared/scale';
import { LEVEL_COLOURS } from '../palette';
import { useChart } from './useChart';

/** The five levels per day as stacked bars, worst at the bottom. */
export function DistributionChart({ stats }: { stats: DailyStats }) {
  const canvas = useChart(() => ({
    type: 'bar',
    data: {
      labels: stats.days.map((d) => d.day.slice(5)),
      datasets: [...LEVELS].reverse().map((l) => ({
        label: `${l.score} ${l.zh} ${l.en}`,
        backgroundColor: LEVEL_COLOURS[l.score - 1],
        borderColor: '#ffffff', borderWidth: { top: 1 },
        data: stats.days.map((d) => d.counts[l.score - 1]!),
      })),
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: '评价数 Ratings' } } },
    },
  }), [stats]);
  return (
    <div class="chart-box">
      <canvas ref={canvas} role="img" aria-label={`五级评价分布 Ratings per level per day, ${stats.from} – ${stats.to}`} />
    </div>
  );
}
