import type { DailyStats } from '../../../shared/api';
import type { RateKind } from '../../../shared/metrics';
import { RATE_COLOUR, TARGET_COLOUR, COUNT_COLOUR } from '../palette';
import { useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { staffText } from '../../i18n/staff';
import { fill } from '../../i18n/use';
import { countAxis } from './axes';
import { useChart } from './useChart';

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** A rate per day (line, left axis; 满意率 with its target line), ratings per day (bars, right axis); thin days marked. */
export function TrendChart({ stats, rate }: { stats: DailyStats; rate: RateKind }) {
  const t = useTexts(dashboardText);
  const s = useTexts(staffText);
  const label = t[`rate_${rate}`];
  const thin = stats.days.map((d) => d.total > 0 && d.total < stats.minDailySample);
  const canvas = useChart(() => ({
    type: 'bar',
    data: {
      labels: stats.days.map((d) => d.day.slice(5)),
      datasets: [
        {
          type: 'line', label: fill(t.ratePercent, { rate: label }), yAxisID: 'rate', order: 0,
          borderColor: RATE_COLOUR, backgroundColor: thin.map((x) => (x ? '#fff' : RATE_COLOUR)),
          pointStyle: thin.map((x) => (x ? 'triangle' : 'circle')), pointRadius: thin.map((x) => (x ? 7 : 3)),
          data: stats.days.map((d) => pct(d[rate])), spanGaps: false, tension: 0.2,
          clip: 8, // a day at 100% shows its whole marker above the top line
        },
        ...(rate === 'satisfaction' ? [{
          type: 'line' as const, label: fill(t.target, { n: Math.round(stats.target * 100) }), yAxisID: 'rate', order: 1,
          borderColor: TARGET_COLOUR, borderDash: [6, 4], pointRadius: 0, data: stats.days.map(() => stats.target * 100),
        }] : []),
        { type: 'bar', label: s.ratings, yAxisID: 'count', order: 2, backgroundColor: COUNT_COLOUR, data: stats.days.map((d) => d.total) },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: { top: 8 } },
      interaction: { mode: 'index', intersect: false },
      plugins: {
        tooltip: { callbacks: { footer: (items) => (thin[items[0]?.dataIndex ?? -1] ? fill(t.thinTooltip, { n: stats.minDailySample }) : '') } },
      },
      scales: {
        rate: { type: 'linear', position: 'left', min: rate === 'bad' ? 0 : undefined, max: 100, title: { display: true, text: fill(t.ratePercent, { rate: label }) } },
        count: { type: 'linear', position: 'right', ...countAxis(s.ratings), grid: { drawOnChartArea: false } },
      },
    },
  }), [stats, rate, t]);
  return (
    <div class="chart-box">
      <canvas ref={canvas} role="img" aria-label={fill(t.chartRange, { what: fill(t.perDay, { rate: label }), from: stats.from, to: stats.to })} />
    </div>
  );
}
