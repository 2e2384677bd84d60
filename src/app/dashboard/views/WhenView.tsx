import type { Heatmap } from '../../../server/stats/types';
import { HeatGrid } from './HeatGrid';

/** The hours shown: opening hours, widened to any hour that has ratings. */
function hoursOf(h: Heatmap): number[] {
  const used = new Set<number>();
  h.ratings.forEach((row) => row.forEach((v, i) => { if (v > 0) used.add(i); }));
  const lo = Math.min(8, ...used), hi = Math.max(18, ...used);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** When ratings, and bad ratings, come in: weekday × hour (site time). */
export function WhenView({ data }: { data: Heatmap }) {
  const hours = hoursOf(data);
  return (
    <>
      <HeatGrid title="评价数 · Ratings by weekday and hour" grid={data.ratings} hours={hours} hue={[69, 117, 180]} />
      <HeatGrid title="差评数 · Bad ratings (≤2) by weekday and hour" grid={data.bad} hours={hours} hue={[215, 48, 39]} />
      <p class="muted small">时区 Time zone {data.timeZone} · {data.from} – {data.to}</p>
    </>
  );
}
