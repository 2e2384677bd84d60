import type { DailyStats } from '../../../server/stats/types';
import type { RateKind } from '../../../shared/metrics';
import { RATE_LABELS } from '../../../shared/metrics';
import { RATE_COLOUR, TARGET_COLOUR, COUNT_COLOUR } from '../palette';
import { useChart } from './useChart';

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** A rate per day (line, left axis; 满意率 with its target line), ratings per day (bars, right axis); thin days marked. */
export function TrendChart({ stats, rate }: { stats: DailyStats; rate: RateKind }) {
  const label = RATE_LABELS[rate];
  const thin = stats.days.map((d) => d.total > 0 && d.total < stats.minDailySample);
  const canvas = useChart(() => ({
    type: 'bar',
    data: {
      labels: stats.days.map((d) => d.day.slice(5)),
      datasets: [
        {
          type: 'line', label: `${label.zh} ${label.en} (%)`, yAxisID: 'rate', order: 0,
          borderColor: RATE_COLOUR, backgroundColor: thin.map((t) => (t ? '#fff' : RATE_COLOUR)),
          pointStyle: thin.map((t) => (t ? 'triangle' : 'circle')), pointRadius: thin.map((t) => (t ? 7 : 3)),
          data: stats.days.map((d) => pct(d[rate])), spanGaps: false, tension: 0.2,
        },
        ...(rate === 'satisfaction' ? [{
          type: 'line' as const, label: `目标 Target ${Math.round(stats.target * 100)}%`, yAxisID: 'rate', order: 1,
          borderColor: TARGET_COLOUR, borderDash: [6, 4], pointRadius: 0, data: stats.days.map(() => stats.target * 100),
        }] : []),
        { type: 'bar', label: '评价数 Ratings', yAxisID: 'count', order: 2, backgroundColor: COUNT_COLOUR, data: stats.days.map((d) => d.total) },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        tooltip: { callbacks: { footer: (items) => (thin[items[0]?.dataIndex ?? -1] ? `样本不足 Fewer than ${stats.minDailySample} ratings` : '') } },
      },
      scales: {
        rate: { type: 'linear', position: 'left', min: rate === 'bad' ? 0 : undefined, max: 100, title: { display: true, text: `${label.zh} %` } },
        count: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: '评价数 Ratings' } },
      },
    },
  }), [stats, rate]);
  return (
    <div class="chart-box">
      <canvas ref={canvas} role="img" aria-label={`${label.zh} ${label.en} per day, ${stats.from} – ${stats.to}`} />
    </div>
  );
}
