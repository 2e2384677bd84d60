import { useEffect, useRef } from 'preact/hooks';
import { Chart, LineController, BarController, LineElement, BarElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip } from 'chart.js';
import type { DailyStats } from '../../server/routes/stats';

Chart.register(LineController, BarController, LineElement, BarElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

/** 满意率 per day (line, left axis, with the target line) and the number of ratings (bars, right axis). */
export function TrendChart({ stats }: { stats: DailyStats }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const labels = stats.days.map((d) => d.day.slice(5));
    const chart = new Chart(canvas.current, {
      data: {
        labels,
        datasets: [
          {
            type: 'line', label: '满意率 Satisfaction rate (%)', yAxisID: 'rate', borderColor: '#1d4ed8', backgroundColor: '#1d4ed8',
            data: stats.days.map((d) => (d.satisfaction === null ? null : Math.round(d.satisfaction * 1000) / 10)), spanGaps: false, tension: 0.2,
          },
          {
            type: 'line', label: `目标 Target ${Math.round(stats.target * 100)}%`, yAxisID: 'rate', borderColor: '#c8102e', borderDash: [6, 4],
            pointRadius: 0, data: stats.days.map(() => stats.target * 100),
          },
          {
            type: 'bar', label: '评价数 Ratings', yAxisID: 'count', backgroundColor: 'rgba(100, 116, 139, 0.35)', data: stats.days.map((d) => d.total),
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          rate: { type: 'linear', position: 'left', min: 0, max: 100, title: { display: true, text: '满意率 %' } },
          count: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: '评价数' } },
        },
      },
    });
    return () => chart.destroy();
  }, [stats]);
  return (
    <div class="chart-box">
      <canvas ref={canvas} role="img" aria-label={`满意率 per day, ${stats.from} to ${stats.to}`} />
    </div>
  );
}
