import type { DisplayWindow } from '../../server/stats/types';
import { formatRate } from '../../shared/metrics';
import { Stars } from './Stars';

/** One window: today's and this month's 满意率, the month's stars and counts. */
export function WindowCard({ w, target }: { w: DisplayWindow; target: number }) {
  const low = (r: number | null) => (r !== null && r < target ? 'low' : '');
  return (
    <article class="win">
      <header><span class="no">{w.number}</span><span class="name">{w.name.zh}<small>{w.name.en}</small></span></header>
      <div class="figs">
        <div class="fig"><div><div class="lbl">今日满意率</div><div class="cnt">{w.today.total} 条评价</div></div><div class={`rate ${low(w.today.satisfaction)}`}>{formatRate(w.today.satisfaction)}</div></div>
        <div class="fig"><div><div class="lbl">本月满意率</div><div class="cnt">{w.month.total} 条评价</div></div><div class={`rate ${low(w.month.satisfaction)}`}>{formatRate(w.month.satisfaction)}</div></div>
      </div>
      <footer><span class="lbl">本月星级</span><Stars stars={w.month.stars} grade={w.month.grade} /></footer>
    </article>
  );
}
