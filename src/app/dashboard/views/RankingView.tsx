import type { Ranking } from '../../../server/stats/types';
import { RankTable } from './RankTable';

/** Windows and staff ranked by 满意率; 星级 when the range is one calendar month. */
export function RankingView({ data, onWindow, onStaff }: { data: Ranking; onWindow: (id: string) => void; onStaff: (id: string) => void }) {
  return (
    <>
      <p class="muted">
        {data.month
          ? `星级按 ${data.month} 整月计算：★★★★★ ≥98%，★★★★ ≥95%，★★★ ≥90%，★★ ≥80%，★ 以下；少于 30 条评价不评级（—）；经核实投诉一票否决。Grades for the month ${data.month}.`
          : '选择“本月”或“上月”可查看星级 · Pick “this month” or “last month” to see star grades.'}
      </p>
      <RankTable title="窗口排名 · Windows" rows={data.windows} showGrade={data.month !== null} onPick={onWindow} />
      <RankTable title="人员排名 · Staff" rows={data.staff} showGrade={data.month !== null} onPick={onStaff} />
    </>
  );
}
