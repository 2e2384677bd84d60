import type { RankRow } from '../../../server/stats/types';
import { formatRate } from '../../../shared/metrics';

/** One ranking table (windows or staff); the grade column only for a calendar month. */
export function RankTable({ title, rows, showGrade, onPick }: { title: string; rows: RankRow[]; showGrade: boolean; onPick: (id: string) => void }) {
  return (
    <section class="card">
      <h2>{title}</h2>
      <table class="rank">
        <thead>
          <tr>
            <th scope="col">#</th><th scope="col">名称 Name</th><th scope="col" class="num">评价数 Ratings</th>
            <th scope="col" class="num">满意率 Satisfaction</th><th scope="col" class="num">差评 Bad</th><th scope="col">主要原因 Top reasons</th>
            {showGrade && <th scope="col">星级 Grade</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id}>
              <td>{r.total > 0 ? i + 1 : ''}</td>
              <td><button type="button" class="linklike" onClick={() => onPick(r.id)}>{r.label}</button></td>
              <td class="num">{r.total}</td>
              <td class={`num ${r.satisfaction !== null && r.satisfaction < 0.9 ? 'below' : ''}`}>{formatRate(r.satisfaction)}</td>
              <td class="num">{r.badCount}</td>
              <td>{r.topReasons.map((x) => `${x.label} ${x.n}`).join('，')}</td>
              {showGrade && <td class={`grade ${r.grade === '一票否决' ? 'veto' : ''}`}>{r.grade}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
