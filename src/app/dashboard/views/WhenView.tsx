import type { Heatmap } from '../../../shared/api';
import { useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { fill } from '../../i18n/use';
import { HeatGrid } from './HeatGrid';

/** The hours shown: a hall's day (8 to 17, the hour from 17:00 to 18:00 the last), widened to any hour that has ratings. */
function hoursOf(h: Heatmap): number[] {
  const used = new Set<number>();
  h.ratings.forEach((row) => row.forEach((v, i) => { if (v > 0) used.add(i); }));
  const lo = Math.min(8, ...used), hi = Math.max(17, ...used);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** When ratings, and bad ratings, come in: weekday × hour (site time). */
export function WhenView({ data }: { data: Heatmap }) {
  const t = useTexts(dashboardText);
  const hours = hoursOf(data);
  return (
    <>
      <HeatGrid title={t.heatRatings} grid={data.ratings} hours={hours} hue={[69, 117, 180]} />
      <HeatGrid title={t.heatBad} grid={data.bad} hours={hours} hue={[215, 48, 39]} />
      <p class="muted small">{fill(t.zoneRange, { zone: data.timeZone, from: data.from, to: data.to })}</p>
    </>
  );
}
