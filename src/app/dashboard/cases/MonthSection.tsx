/** The month report's follow-up section: 回访率, 核实率, 整改率, 按期办结率, overdue, per window and staff member. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../common/api';
import type { CaseFiguresReport } from '../../../shared/cases/wire';
import { monthRange } from '../../../shared/time';
import { Figures } from './Figures';

export function CaseMonthSection({ siteId, month }: { siteId: string; month: string }) {
  const [report, setReport] = useState<CaseFiguresReport | null>(null);
  useEffect(() => {
    if (!/^\d{4}-\d{2}$/.test(month)) return;
    const { from, to } = monthRange(month);
    void api.get<CaseFiguresReport>(`/api/v1/case-figures?site=${encodeURIComponent(siteId)}&from=${from}&to=${to}`).then((r) => setReport(r.ok ? r.data : null));
  }, [siteId, month]);
  return report ? <section class="card"><Figures report={report} withStaff /></section> : null;
}
