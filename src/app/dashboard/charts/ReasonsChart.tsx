import type { Reasons } from '../../../server/stats/types';
import { LEVEL_COLOURS } from '../palette';
import { useChart } from './useChart';

/** Reasons of bad reviews, most frequent on top. */
export function ReasonsChart({ data }: { data: Reasons }) {
  const canvas = useChart(() => ({
    type: 'bar',
    data: {
      labels: data.reasons.map((r) => `${r.zh} ${r.en}`),
      datasets: [{ label: '差评次数 Times given with a bad review', backgroundColor: LEVEL_COLOURS[0], data: data.reasons.map((r) => r.n) }],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, title: { display: true, text: '次数 Count' } } },
    },
  }), [data]);
  return (
    <div class="chart-box reasons-box">
      <canvas ref={canvas} role="img" aria-label="差评原因 Reasons of bad reviews" />
    </div>
  );
}
