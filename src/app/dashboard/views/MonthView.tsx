import type { MonthReport } from '../../../server/stats/types';
import { MonthTable } from './MonthTable';

/** 月度报表: printable, and downloadable as CSV with the same figures. */
export function MonthView({ data, month, onMonth, csvUrl }: { data: MonthReport; month: string; onMonth: (m: string) => void; csvUrl: string }) {
  return (
    <section class="card month-report">
      <div class="card-head">
        <h2>{data.siteName} · {data.month} 月度服务评价报表 · Month report</h2>
        <div class="no-print actions">
          <label>月份 Month<input type="month" value={month} onChange={(e) => onMonth((e.target as HTMLInputElement).value)} /></label>
          <button type="button" class="btn" onClick={() => print()}>打印 Print</button>
          <a class="btn btn-link" href={csvUrl} download>下载 CSV</a>
        </div>
      </div>
      <MonthTable caption="按窗口 · By window" rows={data.windows} total={data.total} />
      <MonthTable caption="按人员 · By staff member" rows={data.staff} />
      <p class="muted small">
        星级：★★★★★ 满意率 ≥98%，★★★★ ≥95%，★★★ ≥90%，★★ ≥80%，★ 以下；少于 30 条不评级（—）；经核实的投诉一票否决。
        {data.includeSuspect ? '含可疑评价。' : '不含可疑评价 · Suspect ratings left out.'}
      </p>
    </section>
  );
}
