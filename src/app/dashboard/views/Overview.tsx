import type { DailyStats } from '../../../server/stats/types';
import { addCounts, rates, formatRate, EMPTY_COUNTS, type RateKind } from '../../../shared/metrics';
import { TrendChart } from '../charts/TrendChart';
import { DistributionChart } from '../charts/DistributionChart';
import { RATE_LABELS } from '../../../shared/metrics';
import { rateName } from '../text';

const KINDS: RateKind[] = ['satisfaction', 'good', 'bad'];

/** KPIs of the range, the daily trend of a chosen rate, and the five levels per day. */
export function Overview({ stats, rate, onRate }: { stats: DailyStats; rate: RateKind; onRate: (r: RateKind) => void }) {
  const total = rates(stats.days.reduce((acc, d) => addCounts(acc, d.counts), EMPTY_COUNTS));
  return (
    <>
      <div class="kpis">
        {KINDS.map((k) => (
          <div class="kpi" key={k}><div class="v">{formatRate(total[k])}</div><div class="l">{rateName(k)}</div></div>
        ))}
        <div class="kpi"><div class="v">{total.total}</div><div class="l">评价数 Ratings · 差评 {total.badCount}</div></div>
      </div>
      <section class="card" aria-labelledby="trend-h">
        <div class="card-head">
          <h2 id="trend-h">{RATE_LABELS[rate].zh} · {RATE_LABELS[rate].en} per day</h2>
          <div role="group" aria-label="指标 Rate" class="presets">
            {KINDS.map((k) => (
              <button key={k} type="button" class="chip" aria-pressed={rate === k} onClick={() => onRate(k)}>{RATE_LABELS[k].zh}</button>
            ))}
          </div>
        </div>
        <TrendChart stats={stats} rate={rate} />
        <p class="muted small">△ 空心三角：当日评价少于 {stats.minDailySample} 条，仅供参考 · Hollow triangle: fewer than {stats.minDailySample} ratings that day. 时区 Time zone {stats.timeZone}.</p>
      </section>
      <section class="card" aria-labelledby="dist-h">
        <h2 id="dist-h">五级评价分布 · Ratings per level per day</h2>
        <DistributionChart stats={stats} />
      </section>
    </>
  );
}
