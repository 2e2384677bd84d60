import type { DailyStats } from '../../../shared/api';
import { addCounts, rates, formatRate, EMPTY_COUNTS, type RateKind } from '../../../shared/metrics';
import { TrendChart } from '../charts/TrendChart';
import { DistributionChart } from '../charts/DistributionChart';
import { useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { fill } from '../../i18n/use';

const KINDS: RateKind[] = ['satisfaction', 'good', 'bad'];

/** KPIs of the range, the daily trend of a chosen rate, and the five levels per day. */
export function Overview({ stats, rate, onRate }: { stats: DailyStats; rate: RateKind; onRate: (r: RateKind) => void }) {
  const t = useTexts(dashboardText);
  const total = rates(stats.days.reduce((acc, d) => addCounts(acc, d.counts), EMPTY_COUNTS));
  return (
    <>
      <div class="kpis">
        {KINDS.map((k) => (
          <div class="kpi" key={k}><div class="v">{formatRate(total[k])}</div><div class="l">{t[`rateRule_${k}`]}</div></div>
        ))}
        <div class="kpi"><div class="v">{total.total}</div><div class="l">{fill(t.ratingsAndBad, { n: total.badCount })}</div></div>
      </div>
      <section class="card" aria-labelledby="trend-h">
        <div class="card-head">
          <h2 id="trend-h">{fill(t.perDay, { rate: t[`rate_${rate}`] })}</h2>
          <div role="group" aria-label={t.rateKind} class="presets">
            {KINDS.map((k) => (
              <button key={k} type="button" class="chip" aria-pressed={rate === k} onClick={() => onRate(k)}>{t[`rate_${k}`]}</button>
            ))}
          </div>
        </div>
        <TrendChart stats={stats} rate={rate} />
        <p class="muted small">{fill(t.thinNote, { n: stats.minDailySample, zone: stats.timeZone })}</p>
      </section>
      <section class="card" aria-labelledby="dist-h">
        <h2 id="dist-h">{t.levelsPerDay}</h2>
        <DistributionChart stats={stats} />
      </section>
    </>
  );
}
