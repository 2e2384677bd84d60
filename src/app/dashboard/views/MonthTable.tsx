import type { MonthRow } from '../../../server/stats/types';
import { formatRate } from '../../../shared/metrics';
import { LEVELS } from '../../../shared/scale';

/** One month table: counts per level, the three rates, 星级 and veto. */
export function MonthTable({ caption, rows, total }: { caption: string; rows: MonthRow[]; total?: MonthRow }) {
  const levels = [...LEVELS].reverse();
  const line = (r: MonthRow, head = false) => (
    <tr key={r.id} class={head ? 'total' : ''}>
      <th scope="row">{r.label}</th>
      {levels.map((l) => <td key={l.score} class="num">{r.counts[l.score - 1]}</td>)}
      <td class="num">{r.total}</td>
      <td class="num">{formatRate(r.satisfaction)}</td>
      <td class="num">{formatRate(r.good)}</td>
      <td class="num">{formatRate(r.bad)}</td>
      <td class={`grade ${r.veto ? 'veto' : ''}`}>{head ? '' : r.grade}</td>
      <td>{r.veto ?? ''}</td>
    </tr>
  );
  return (
    <table class="month">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">名称 Name</th>
          {levels.map((l) => <th key={l.score} scope="col" class="num">{l.score} {l.zh}</th>)}
          <th scope="col" class="num">合计</th><th scope="col" class="num">满意率 (≥4)</th><th scope="col" class="num">好评率 (≥3)</th>
          <th scope="col" class="num">差评率 (≤2)</th><th scope="col">星级</th><th scope="col">一票否决</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => line(r))}
        {total && line(total, true)}
      </tbody>
    </table>
  );
}
